import type { JSONContent } from '@tiptap/core';
import { db } from '@/db';
import { createDraft, listSections } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import {
  approveArticle,
  publishArticle,
  requestChanges,
  scheduleArticle,
  setEmbargo,
  submitForReview,
} from '@/lib/newsroom/workflow';
import { addComment, moderateComment } from '@/lib/newsroom/comments';
import { chooseTopStory } from '@/lib/newsroom/front-page';
import { recordUpload } from '@/lib/newsroom/media-library';
import { addNote } from '@/lib/newsroom/notes';
import { recordView } from '@/lib/reader/counters';
import { ARTICLE_TEXT_DIRECTION } from '@/lib/document/extensions';
import { ARTICLE_IMAGE_SIZES } from '@/lib/document/image';
import { processUpload, removeVariantFiles } from '@/lib/newsroom/uploads';
import { mediaSrc, mediaSrcSet, type MediaItem } from '@/lib/shared/media-urls';
import type { Actor } from '@/lib/shared/permissions';
import { newsroomSettings, wallClockAt, zonedWallTimeToDate } from '@/lib/shared/settings';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { commentInput } from '@/lib/shared/validation/comment';
import { visitorOf } from '@/lib/reader/visitors';
import {
  COMMENTS,
  ON_THE_DESK,
  PUBLISHED,
  type DemoAuthor,
  type DemoBlock,
  type DemoComment,
  type DemoPicture,
  type DemoStory,
  type DeskStory,
} from './articles';
import { drawPicture, random as sequence } from './pictures';

// The demo newsroom's day, written through the code the newsroom runs: pictures through the
// upload processing, every article created, saved (under the save contract, zod included),
// submitted, approved and published or scheduled by the people whose role allows it, readers'
// comments through the comments query and its moderation, views through the counter, the top
// story through the desk's choice. Nothing is inserted into an article table directly.
//
// Every step happens at its own time of the day (minutes before the seed time), and the steps
// run in the order of their times, so the activity log, revisions, notifications and counters
// read like a day that happened. The writes are one transaction (the queries' own transactions
// nest in it as savepoints): the day is there whole or not at all, and it commits once.

export type DemoPeople = Record<DemoAuthor, Actor>;

// The sample article keeps its own date (the day it reports), so it comes with it.
export type SampleStory = DemoStory & {
  publishedAt: Date;
  views: number;
  comments: DemoComment[];
};

export type DemoDaySummary = {
  published: number;
  scheduled: number;
  embargoed: number;
  inReview: number;
  changesRequested: number;
  drafts: number;
  pictures: number;
  comments: { approved: number; pending: number; rejected: number };
  views: number;
  topStory: number;
  seedTime: Date;
  scheduledAt: Date;
  embargoUntil: Date;
  // Where the seed's time goes: drawing and processing the pictures, then writing the day.
  timings: { picturesMs: number; dayMs: number };
};

const MINUTE = 60_000;

const BROWSERS = [
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
];

// Readers come from many addresses (a documentation range), one browser each.
let readerCount = 0;
function nextReader(at: Date) {
  const n = readerCount++;
  return visitorOf(`198.51.${(n >> 8) & 255}.${n & 255}`, BROWSERS[n % BROWSERS.length]!, at);
}

// The next time the newsroom's clock reads `hour`:00, at least `after`.
export function nextNewsroomHour(
  after: Date,
  hour: number,
  timeZone = newsroomSettings.dates.timeZone,
): Date {
  for (let day = 0; day < 3; day++) {
    const wall = wallClockAt(new Date(after.getTime() + day * 24 * 60 * MINUTE), timeZone);
    const at = zonedWallTimeToDate(
      `${wall.year}-${wall.month}-${wall.day}T${String(hour).padStart(2, '0')}:00:00`,
      timeZone,
    );
    if (at >= after) return at;
  }
  throw new Error(`no ${hour}:00 in ${timeZone} within three days`);
}

function paragraph(text: string): JSONContent {
  return { type: 'paragraph', attrs: { dir: ARTICLE_TEXT_DIRECTION }, content: [{ type: 'text', text }] };
}

function documentOf(blocks: DemoBlock[], picture: (p: DemoPicture) => MediaItem): JSONContent {
  return {
    type: 'doc',
    content: blocks.map((block): JSONContent => {
      if (typeof block === 'string') return paragraph(block);
      if ('quote' in block) return { type: 'blockquote', content: [paragraph(block.quote)] };
      if ('subhead' in block)
        return {
          type: 'heading',
          attrs: { level: 2, dir: ARTICLE_TEXT_DIRECTION },
          content: [{ type: 'text', text: block.subhead }],
        };
      if ('list' in block)
        return {
          type: 'bulletList',
          content: block.list.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
        };
      const item = picture(block.picture);
      return {
        type: 'image',
        attrs: {
          src: mediaSrc(item.variants),
          srcset: mediaSrcSet(item.variants),
          sizes: ARTICLE_IMAGE_SIZES,
          alt: block.picture.alt,
          width: item.width,
          height: item.height,
          caption: block.picture.caption,
          credit: block.picture.credit,
        },
      };
    }),
  };
}

function picturesOf(story: DemoStory): DemoPicture[] {
  const inBody = story.body.flatMap((block) =>
    typeof block === 'object' && 'picture' in block ? [block.picture] : [],
  );
  return [...(story.picture ? [story.picture] : []), ...inBody];
}

type Step = { at: number; order: number; run: () => void };

export async function seedDemoDay(
  people: DemoPeople,
  sample: SampleStory,
  now = new Date(),
): Promise<DemoDaySummary> {
  // Whole minutes, as a newsroom's clock reads them.
  const seedTime = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE);
  const ago = (minutes: number) => new Date(seedTime.getTime() - minutes * MINUTE);
  const scheduledAt = nextNewsroomHour(
    new Date(seedTime.getTime() + 120 * MINUTE),
    ON_THE_DESK.find((s) => s.state === 'scheduled')!.hour,
  );
  const embargoUntil = nextNewsroomHour(
    new Date(seedTime.getTime() + 120 * MINUTE),
    ON_THE_DESK.find((s) => s.state === 'embargoed')!.hour,
  );

  // The pictures first: drawn, then through the upload processing into the media folder. Their
  // records are written with the rest of the day; if the day fails, the files go again.
  const began = performance.now();
  const stories: DemoStory[] = [sample, ...PUBLISHED, ...ON_THE_DESK];
  const wanted = stories.flatMap((story) => picturesOf(story).map((picture) => ({ story, picture })));
  const uploads = await Promise.allSettled(
    wanted.map(async ({ story, picture }, i) => ({
      story,
      picture,
      upload: await processUpload(await drawPicture(picture.spec, i + 1), picture.file),
    })),
  );
  const processed = uploads.flatMap((u) => (u.status === 'fulfilled' ? [u.value] : []));
  const failed = uploads.find((u) => u.status === 'rejected');
  if (failed) {
    await Promise.all(processed.map(({ upload }) => removeVariantFiles(upload.variants)));
    throw failed.reason;
  }
  const picturesMs = performance.now() - began;
  const editor = people.editor;
  const sectionIds = new Map(listSections().map((s) => [s.name, s.id]));
  const summary: DemoDaySummary = {
    published: 0,
    scheduled: 0,
    embargoed: 0,
    inReview: 0,
    changesRequested: 0,
    drafts: 0,
    pictures: processed.length,
    comments: { approved: 0, pending: 0, rejected: 0 },
    views: 0,
    topStory: 0,
    seedTime,
    scheduledAt,
    embargoUntil,
    timings: { picturesMs: 0, dayMs: 0 },
  };

  const steps: Step[] = [];
  const at = (time: Date, run: () => void) => steps.push({ at: time.getTime(), order: steps.length, run });

  // One article's life on the desk: the state it carries from step to step.
  function article(story: DemoStory, pictures: Map<DemoPicture, MediaItem>) {
    const author = people[story.author];
    const approver = story.author === 'editor' ? people.admin : editor;
    const state = { id: 0, version: 0 };
    const save = (by: Actor, changes: Record<string, unknown>, time: Date) => {
      const saved = saveArticle(
        by,
        parseArticleSave({ articleId: state.id, baseVersion: state.version, changes }),
        time,
      );
      if (saved.conflicts.length > 0) throw new Error(`demo: conflict saving ${story.key}`);
      state.version = saved.version;
    };
    const move = (result: { version: number }) => (state.version = result.version);
    const body = (blocks: DemoBlock[]) =>
      JSON.stringify(documentOf(blocks, (p) => pictures.get(p) ?? missing(story, p)));
    return {
      state,
      // Written: created, the text saved, then the tags and the lead picture in a second save.
      write(start: Date, finished: Date) {
        at(start, () => {
          const draft = createDraft(author, start);
          state.id = draft.id;
          state.version = draft.version;
        });
        at(new Date(start.getTime() + 10 * MINUTE), () =>
          save(
            author,
            {
              headline: story.headline,
              deck: story.deck,
              dateline: story.dateline,
              byline: story.byline ?? '',
              sectionId: sectionIds.get(story.section) ?? null,
              body: body(story.body),
            },
            new Date(start.getTime() + 10 * MINUTE),
          ),
        );
        at(finished, () => {
          const lead = story.picture && pictures.get(story.picture);
          save(
            author,
            {
              tags: story.tags,
              ...(lead && story.picture
                ? {
                    leadImage: {
                      mediaId: lead.id,
                      alt: story.picture.alt,
                      caption: story.picture.caption,
                      credit: story.picture.credit,
                    },
                  }
                : {}),
            },
            finished,
          );
        });
      },
      submit: (time: Date) => at(time, () => move(submitForReview(author, state.id, time))),
      approve: (time: Date) => at(time, () => move(approveArticle(approver, state.id, time))),
      publish: (time: Date, note?: string) =>
        at(time, () => move(publishArticle(editor, state.id, time, note))),
      edit: (time: Date, blocks: DemoBlock[]) => at(time, () => save(editor, { body: body(blocks) }, time)),
      author,
    };
  }

  function missing(story: DemoStory, picture: DemoPicture): never {
    throw new Error(`demo: picture ${picture.file} of ${story.key} was not uploaded`);
  }

  const random = sequence(20260);
  function readers(id: () => number, views: number, from: Date) {
    const span = seedTime.getTime() - from.getTime();
    for (let i = 0; i < views; i++) {
      // Most readers come in the first hours after publication, fewer later.
      const time = new Date(from.getTime() + MINUTE + Math.floor(random() ** 2 * (span - MINUTE)));
      at(time, () => {
        if (!recordView(id(), nextReader(time), time)) throw new Error('demo: a view was not counted');
      });
    }
    summary.views += views;
  }

  function comment(id: () => number, story: DemoStory, published: Date, c: DemoComment) {
    const time = ago(c.minutesAgo);
    if (time <= published) throw new Error(`demo: a comment on ${story.key} comes before its publication`);
    const input = commentInput.parse({ name: c.name, text: c.text });
    const held = { id: 0 };
    at(time, () => {
      held.id = addComment(id(), input, nextReader(time).id, time).id;
    });
    summary.comments[c.held === 'pending' ? 'pending' : c.held === 'rejected' ? 'rejected' : 'approved']++;
    if (c.held === 'pending') return;
    const decided = new Date(Math.min(time.getTime() + 4 * MINUTE, seedTime.getTime()));
    at(decided, () =>
      moderateComment(editor, held.id, c.held === 'rejected' ? 'reject' : 'approve', decided),
    );
  }

  // The pictures' records, uploaded by the stories' authors as they began them.
  const pictures = new Map<DemoPicture, MediaItem>();
  const pictureSteps = () =>
    processed.forEach(({ story, picture, upload }) => {
      pictures.set(
        picture,
        recordUpload(people[story.author], upload, {
          alt: picture.alt,
          caption: picture.caption,
          credit: picture.credit,
        }),
      );
    });

  // Written, sent for review, approved and published at `p`, as the desk does it, in the hours
  // before.
  const throughTheDesk = (a: ReturnType<typeof article>, p: Date) => {
    const minus = (m: number) => new Date(p.getTime() - m * MINUTE);
    a.write(minus(150), minus(70));
    a.submit(minus(60));
    a.approve(minus(12));
    a.publish(p);
    summary.published++;
  };

  // The sample article, on the day it reports; read again today.
  {
    const a = article(sample, pictures);
    const p = sample.publishedAt;
    throughTheDesk(a, p);
    readers(() => a.state.id, sample.views, ago(24 * 60));
    sample.comments.forEach((c) => comment(() => a.state.id, sample, p, c));
  }

  let topStoryId = () => 0;
  for (const story of PUBLISHED) {
    const a = article(story, pictures);
    const p = ago(story.minutesAgo);
    throughTheDesk(a, p);
    if (story.correction) {
      const { replace, note } = story.correction;
      const corrected = story.body.map((block) =>
        typeof block === 'string' ? block.replace(replace[0], replace[1]) : block,
      );
      if (JSON.stringify(corrected) === JSON.stringify(story.body))
        throw new Error(`demo: the correction of ${story.key} changes nothing`);
      const c = ago(story.correction.minutesAgo);
      a.edit(c, corrected);
      a.publish(new Date(c.getTime() + 2 * MINUTE), note);
    }
    readers(() => a.state.id, story.views, p);
    (COMMENTS[story.key] ?? []).forEach((c) => comment(() => a.state.id, story, p, c));
    // The desk puts the metro on top as soon as it is out.
    if (story.key === 'metro-line-three') {
      const chosen = new Date(p.getTime() + 3 * MINUTE);
      at(chosen, () => chooseTopStory(editor, { articleId: a.state.id, chosen: true }, chosen));
      topStoryId = () => a.state.id;
    }
  }

  for (const story of ON_THE_DESK) deskStory(story);
  function deskStory(story: DeskStory) {
    const a = article(story, pictures);
    const t = ago(story.minutesAgo);
    const minus = (m: number) => new Date(t.getTime() - m * MINUTE);
    switch (story.state) {
      case 'draft':
        a.write(minus(40), t);
        summary.drafts++;
        return;
      case 'in_review':
        a.write(minus(90), minus(5));
        a.submit(t);
        if (story.note) {
          const noted = new Date(t.getTime() + MINUTE);
          at(noted, () => addNote(a.author, a.state.id, story.note!, noted));
        }
        summary.inReview++;
        return;
      case 'changes_requested':
        a.write(minus(150), minus(60));
        a.submit(minus(50));
        at(t, () => (a.state.version = requestChanges(editor, a.state.id, story.reason, t).version));
        summary.changesRequested++;
        return;
      case 'scheduled':
        a.write(minus(120), minus(60));
        a.submit(minus(50));
        a.approve(minus(20));
        at(t, () => (a.state.version = scheduleArticle(editor, a.state.id, scheduledAt, null, t).version));
        summary.scheduled++;
        return;
      case 'embargoed':
        a.write(minus(100), minus(40));
        a.submit(minus(30));
        a.approve(minus(10));
        at(
          minus(2),
          () => (a.state.version = setEmbargo(editor, a.state.id, embargoUntil, minus(2)).version),
        );
        a.publish(t);
        summary.embargoed++;
        return;
    }
  }

  steps.sort((x, y) => x.at - y.at || x.order - y.order);
  try {
    db.transaction(
      () => {
        pictureSteps();
        for (const step of steps) step.run();
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    await Promise.all(processed.map(({ upload }) => removeVariantFiles(upload.variants)));
    throw error;
  }
  summary.topStory = topStoryId();
  summary.timings = {
    picturesMs: Math.round(picturesMs),
    dayMs: Math.round(performance.now() - began - picturesMs),
  };
  return summary;
}
