// Fills a demo database with a busy planning desk for bench/planning.ts: 300 planned stories on
// one newsroom day (BENCH_PLAN_DAY, late ones among them), and a week around it holding 1,000
// calendar items (deadlines, planned stories without one, scheduled publications). Written
// through the newsroom's own queries (planStory, the save door's parse, the workflow).
//
// Usage: DATABASE_PATH=… npx tsx --conditions=react-server bench/seed-planning.ts
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { sections, users } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { createDraft } from '@/lib/newsroom/articles';
import { planStory } from '@/lib/newsroom/planning';
import { saveArticle } from '@/lib/newsroom/save';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { approveArticle, scheduleArticle, submitForReview } from '@/lib/newsroom/workflow';
import { dayBounds, weekOf } from '@/lib/shared/planning';
import { newsroomSettings } from '@/lib/shared/settings';

const DAY = process.env.BENCH_PLAN_DAY ?? '2030-01-07';
const zone = newsroomSettings.dates.timeZone;
const editor = db.select().from(users).where(eq(users.email, 'editor@newsroom.test')).get()!;
const people = db.select().from(users).where(eq(users.disabled, false)).all();
const sectionIds = db
  .select({ id: sections.id })
  .from(sections)
  .all()
  .map((s) => s.id);
const MINUTE = 60_000;

// Planned "now" is the day before the week, so every deadline is still to come when written.
const week = weekOf(DAY);
const now = new Date(dayBounds(week[0]!, zone).start.getTime() - 24 * 60 * MINUTE);

function plan(day: string, i: number, deadline: Date | null) {
  planStory(
    editor,
    {
      planDay: day,
      headlineIdea: `قصة رقم ${i} عن موازنة البلدية وأسعار النقل في ${day}`,
      angle: 'ما الذي تغير للمواطن',
      notes: '',
      sectionId: sectionIds[i % sectionIds.length] ?? null,
      priority: i % 7 === 0 ? 'urgent' : 'normal',
      assigneeId: people[i % people.length]!.id,
      deadline,
      wordTarget: 400 + (i % 5) * 100,
    },
    now,
  );
}

// 300 on the day, deadlines spread over its 24 hours.
const { start } = dayBounds(DAY, zone);
for (let i = 0; i < 300; i++) plan(DAY, i, new Date(start.getTime() + ((i * 5) % (24 * 60)) * MINUTE));

// The rest of the week: 1,000 calendar items in all (the 300 above count).
let items = 300;
for (let i = 0; items < 850; i++, items++) {
  const day = week[i % 7]!;
  if (day === DAY) {
    items--;
    continue;
  }
  const dayStart = dayBounds(day, zone).start;
  plan(day, 1000 + i, i % 4 === 0 ? null : new Date(dayStart.getTime() + ((i * 13) % (24 * 60)) * MINUTE));
}
const reporter = people.find((p) => p.role === 'reporter') ?? editor;
for (let i = 0; items < 1000; i++, items++) {
  const draft = createDraft(reporter, now);
  saveArticle(
    reporter,
    parseArticleSave({
      articleId: draft.id,
      baseVersion: draft.version,
      changes: {
        headline: `مقال مجدول ${i}`,
        sectionId: sectionIds[0],
        body: JSON.stringify(paragraphsToDocument([`نص المقال المجدول رقم ${i}.`])),
      },
    }),
    now,
  );
  submitForReview(reporter, draft.id, now);
  approveArticle(editor, draft.id, now);
  const day = week[i % 7]!;
  scheduleArticle(
    editor,
    draft.id,
    new Date(dayBounds(day, zone).start.getTime() + (8 * 60 + i) * MINUTE),
    null,
    now,
  );
}
console.log(`seeded ${items} calendar items, 300 on ${DAY}`);
