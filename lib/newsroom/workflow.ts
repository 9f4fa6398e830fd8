import { and, desc, eq, lte } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { db } from '@/db';
import type { Db } from '@/db/connection';
import {
  articleOldSlugs,
  articleRevisions,
  articles,
  events,
  users,
  type Article,
  type ArticleStatus,
  type RevisionReason,
} from '@/db/schema';
import { addNoteInTx, notifyOfTransition } from '@/lib/newsroom/notes';
import { indexPublishedArticle, removeFromSearch } from '@/db/search-index';
import { tagNamesOf } from '@/lib/newsroom/tags';
import { readerPagesChangedIn } from '@/db/reader-cache';
import { renderArticleHtml } from '@/lib/document/render';
import { ActionError, type FieldErrors } from '@/lib/shared/errors';
import {
  assertCan,
  can,
  NEXT_STATUS,
  type Actor,
  type ArticleActionAny as ArticleAction,
} from '@/lib/shared/permissions';
import { transaction, type Tx } from '@/db/transaction';
import { describeStateChange } from '@/lib/shared/state-change';
import { newsroomSettings } from '@/lib/shared/settings';
import { recordEvent, writeRevision } from '@/lib/newsroom/articles';
import { announceArticle, articleEventOf } from '@/lib/newsroom/announce';

// The workflow: every change of an article's state (submit, approve, schedule, publish…) through
// one transition, with the permission checked on the row inside the write transaction.

const REQUIRED_FOR_REVIEW = {
  headline: 'العنوان مطلوب قبل الإرسال للمراجعة',
  body: 'نص المقال فارغ؛ اكتب نص المقال قبل الإرسال للمراجعة',
} as const;
const REQUIRED_FOR_PUBLICATION = {
  headline: 'العنوان مطلوب قبل النشر',
  body: 'نص المقال فارغ؛ اكتب نص المقال قبل النشر',
  section: 'القسم مطلوب قبل النشر؛ اختر قسماً للمقال',
} as const;

// What an article lacks before it may go to review, or to readers. The refusal names the first
// missing field in its message, and every missing field next to itself.
export function missingFields(
  article: Pick<Article, 'headline' | 'bodyText' | 'sectionId'>,
  forPublication: boolean,
): FieldErrors {
  const messages = forPublication ? REQUIRED_FOR_PUBLICATION : REQUIRED_FOR_REVIEW;
  const fieldErrors: FieldErrors = {};
  if (!article.headline.trim()) fieldErrors.headline = messages.headline;
  if (!article.bodyText.trim()) fieldErrors.body = messages.body;
  if (forPublication && article.sectionId === null) fieldErrors.section = REQUIRED_FOR_PUBLICATION.section;
  return fieldErrors;
}

function requireFields(article: Article, forPublication: boolean): void {
  const fieldErrors = missingFields(article, forPublication);
  const first = Object.keys(fieldErrors)[0];
  if (!first) return;
  const code = forPublication ? (`missing_${first}` as 'missing_headline') : 'invalid_input';
  throw new ActionError(code, fieldErrors);
}

const REVISION_REASON_OF: Partial<Record<ArticleAction, RevisionReason>> = {
  submit: 'submit',
  withdraw: 'withdraw',
  requestChanges: 'request_changes',
  approve: 'approve',
  schedule: 'schedule',
  publish: 'publish',
  unpublish: 'unpublish',
  archive: 'archive',
};

export type Transitioned = { status: ArticleStatus; version: number };

export type TransitionOptions = {
  // The reason for requested changes, or the correction/update note of a publication.
  reason?: string;
  // For schedule: when it goes live. For schedule and embargo: until when readers see nothing.
  scheduledAt?: Date;
  embargoUntil?: Date | null;
  // The scheduler's own publication: only if the article is still scheduled and its time has come
  // (it was authorized when it was scheduled). Returns null when another process was first.
  due?: boolean;
  // Tests race two connections to one file; the app has one.
  database?: Db;
  // The status the page showed when the action was offered: if the article has moved on since,
  // the action is refused as stale (state_changed, saying who moved it and when), never run on a
  // state nobody saw nor refused as if it were a matter of permission.
  seen?: ArticleStatus;
};

export const SCHEDULE_MESSAGES = {
  past: 'موعد النشر مضى؛ اختر وقتاً قادماً',
  embargoAfterSchedule: 'حظر النشر حتى وقت بعد موعد النشر غير ممكن؛ اجعله قبل موعد النشر أو عنده',
  embargoPast: 'وقت حظر النشر مضى؛ اختر وقتاً قادماً أو اترك الحقل فارغاً',
} as const;

// One path for every change of state: load, check permission on the row as it is inside the
// write transaction, change it with one write conditional on the version that was checked,
// snapshot it, record who did it and tell whom it concerns.
function transition(
  actor: Actor,
  articleId: number,
  action: ArticleAction,
  now: Date,
  options: TransitionOptions = {},
): Transitioned | null {
  const { reason, due = false, database = db, seen } = options;
  return transaction((tx) => {
    const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
    // Said only to someone who may see the article: to anyone else who and when would leak (a
    // reporter sending a made-up status for a colleague's draft), so they get the refusal below.
    if (article && seen && (article.deletedAt || article.status !== seen) && can(actor, 'view', article))
      throw stateChanged(tx, actor, article, now);
    if (!article || article.deletedAt) throw new ActionError('not_found');
    if (due) {
      if (!isDue(action, article, now)) return null;
    } else assertCan(actor, action, article);
    if (action === 'submit' || action === 'approve') requireFields(article, false);
    if (action === 'publish' || action === 'schedule') requireFields(article, true);
    if (action === 'requestChanges' && !reason?.trim()) {
      throw new ActionError('invalid_input', { reason: 'اكتب سبب طلب التعديلات' });
    }
    if (action === 'delete' && article.publishedAt) throw new ActionError('forbidden');
    const embargo = embargoFor(action, article, now, options);
    const to = NEXT_STATUS[action] ?? article.status;
    const firstPublication = action === 'publish' && !article.publishedAt;
    const updated = tx
      .update(articles)
      .set({
        status: to,
        version: article.version + 1,
        updatedAt: now,
        embargoUntil: embargo,
        ...(action === 'submit' ? { submittedAt: now, changesRequestedReason: null } : {}),
        ...(action === 'approve' ? { approvedAt: now } : {}),
        ...(action === 'requestChanges' ? { changesRequestedReason: reason!.trim() } : {}),
        ...(action === 'schedule' ? { scheduledAt: options.scheduledAt!, scheduledBy: actor.id } : {}),
        ...(action === 'unschedule' || action === 'requestChanges' ? { scheduledAt: null } : {}),
        ...(action === 'delete' ? { deletedAt: now } : {}),
        ...(action === 'publish'
          ? firstPublication
            ? { publishedAt: now, republishedAt: null, scheduledAt: null }
            : { republishedAt: now, scheduledAt: null }
          : {}),
      })
      .where(
        and(
          eq(articles.id, article.id),
          eq(articles.version, article.version),
          // The scheduler's write lands only on a row still scheduled and due, so two processes
          // sweeping at once publish it once.
          due ? dueCondition(action, now) : undefined,
        ),
      )
      .returning()
      .get();
    if (!updated) {
      if (due) return null;
      throw new ActionError('conflict');
    }
    const live = updated.status === 'published' && updated.embargoUntil === null;
    // Reader HTML is rendered once, here, from the same extensions as the editor.
    const html = action === 'publish' ? renderArticleHtml(JSON.parse(updated.bodyJson) as JSONContent) : null;
    const revisionReason = REVISION_REASON_OF[action];
    if (revisionReason) {
      const revision = writeRevision(
        tx,
        actor,
        updated,
        revisionReason,
        html,
        now,
        reason?.trim() || undefined,
      );
      if (action === 'publish') {
        retireOldSlug(tx, article.id, updated.slug, now);
        tx.update(articles)
          .set({ publishedRevisionId: revision.id })
          .where(eq(articles.id, article.id))
          .run();
      }
    }
    // The search index holds exactly what readers may find.
    if (live && (action === 'publish' || action === 'embargo')) indexForReaders(tx, updated);
    if (!live) removeFromSearch(tx, article.id);
    if (action === 'requestChanges') addNoteInTx(tx, actor, updated, reason!.trim(), 'request_changes', now);
    recordEvent(
      tx,
      actor,
      article.id,
      due ? 'scheduled_publish' : action,
      article.status,
      to,
      now,
      eventDetail(action, reason, updated),
    );
    notifyOfTransition(tx, actor, updated, action, now);
    // Integrations hear of it through the outbox, in this transaction (lib/newsroom/announce.ts).
    const event = articleEventOf(action, article, updated);
    if (event) announceArticle(tx, event, updated, now);
    // The one reader cache signal, in this transaction (db/reader-cache.ts says why).
    if (
      action === 'publish' ||
      action === 'unpublish' ||
      (action === 'embargo' && updated.status === 'published')
    )
      readerPagesChangedIn(tx, article.id);
    return { status: to, version: updated.version };
  }, database);
}

// The refusal of a stale action: the last move of the article (the activity log's own record of
// it, read in the same transaction), said in Arabic.
function stateChanged(tx: Tx, actor: Actor, article: Article, now: Date): ActionError {
  const last = tx
    .select({ action: events.action, actorId: events.actorId, name: users.name, at: events.createdAt })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(
      and(
        eq(events.articleId, article.id),
        article.deletedAt ? eq(events.action, 'delete') : eq(events.toStatus, article.status),
      ),
    )
    .orderBy(desc(events.id))
    .limit(1)
    .get();
  const current = { status: article.status, version: article.version, deleted: !!article.deletedAt };
  if (!last) return new ActionError('state_changed', undefined, current);
  const message = describeStateChange(
    {
      action: last.action,
      to: article.status,
      actorName: last.name,
      byViewer: last.actorId === actor.id,
      at: last.at,
    },
    now,
    newsroomSettings.dates.digits,
  );
  return new ActionError('state_changed', undefined, current, message);
}

// What the scheduler acts on: a scheduled article whose time has come, an embargo that has passed.
function isDue(action: ArticleAction, article: Article, now: Date): boolean {
  if (action === 'publish')
    return article.status === 'scheduled' && !!article.scheduledAt && article.scheduledAt <= now;
  return action === 'embargo' && !!article.embargoUntil && article.embargoUntil <= now;
}

function dueCondition(action: ArticleAction, now: Date) {
  return action === 'publish'
    ? and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, now))
    : lte(articles.embargoUntil, now);
}

// The embargo the article has after this action. Refused when it would fall after the schedule.
function embargoFor(
  action: ArticleAction,
  article: Article,
  now: Date,
  options: TransitionOptions,
): Date | null {
  let embargo = article.embargoUntil;
  if (action === 'schedule' || action === 'embargo') {
    embargo = options.embargoUntil === undefined ? embargo : options.embargoUntil;
    if (embargo && embargo <= now)
      throw new ActionError('invalid_input', { embargoUntil: SCHEDULE_MESSAGES.embargoPast });
  }
  if (action === 'schedule') {
    const at = options.scheduledAt;
    if (!at || at <= now) throw new ActionError('invalid_input', { scheduledAt: SCHEDULE_MESSAGES.past });
  }
  const scheduledAt = action === 'schedule' ? options.scheduledAt! : article.scheduledAt;
  const scheduled = action === 'schedule' || (action !== 'unschedule' && article.status === 'scheduled');
  if (scheduled && embargo && scheduledAt && embargo > scheduledAt)
    throw new ActionError('invalid_input', { embargoUntil: SCHEDULE_MESSAGES.embargoAfterSchedule });
  // A passed embargo is lifted by the publication itself.
  if (action === 'publish' && embargo && embargo <= now) embargo = null;
  return embargo;
}

function eventDetail(
  action: ArticleAction,
  reason: string | undefined,
  article: Article,
): string | undefined {
  if (action === 'schedule') return article.scheduledAt?.toISOString();
  if (action === 'embargo') return article.embargoUntil?.toISOString() ?? 'lifted';
  return reason?.trim() || undefined;
}

function indexForReaders(tx: Tx, article: Article): void {
  const published = tx
    .select()
    .from(articleRevisions)
    .where(eq(articleRevisions.id, article.publishedRevisionId ?? -1))
    .get();
  const source = published ?? article;
  indexPublishedArticle(tx, article.id, {
    headline: source.headline,
    deck: source.deck,
    body: source.bodyText,
    tags: published ? (JSON.parse(published.tagsJson) as string[]) : tagNamesOf(tx, article.id),
  });
}

// The slug readers knew before this publication keeps pointing at the article (the article
// route redirects any other slug to the current one) and is never handed to another article.
function retireOldSlug(tx: Tx, articleId: number, newSlug: string, now: Date): void {
  const previous = tx
    .select({ slug: articleRevisions.slug })
    .from(articleRevisions)
    .innerJoin(articles, eq(articles.publishedRevisionId, articleRevisions.id))
    .where(eq(articles.id, articleId))
    .get();
  if (!previous || previous.slug === newSlug || !previous.slug) return;
  tx.insert(articleOldSlugs)
    .values({ slug: previous.slug, articleId, retiredAt: now })
    .onConflictDoNothing()
    .run();
  tx.delete(articleOldSlugs)
    .where(and(eq(articleOldSlugs.slug, newSlug), eq(articleOldSlugs.articleId, articleId)))
    .run();
}

const only = (result: Transitioned | null): Transitioned => result!;

// `seen`, last everywhere: the status the page showed (TransitionOptions.seen).
export const submitForReview = (actor: Actor, articleId: number, now = new Date(), seen?: ArticleStatus) =>
  only(transition(actor, articleId, 'submit', now, { seen }));
export const withdrawFromReview = (actor: Actor, articleId: number, now = new Date(), seen?: ArticleStatus) =>
  only(transition(actor, articleId, 'withdraw', now, { seen }));
export const requestChanges = (
  actor: Actor,
  articleId: number,
  reason: string,
  now = new Date(),
  seen?: ArticleStatus,
) => only(transition(actor, articleId, 'requestChanges', now, { reason, seen }));
export const approveArticle = (actor: Actor, articleId: number, now = new Date(), seen?: ArticleStatus) =>
  only(transition(actor, articleId, 'approve', now, { seen }));
// A note given when an article is published again is the correction or update readers see.
export const publishArticle = (
  actor: Actor,
  articleId: number,
  now = new Date(),
  note?: string,
  seen?: ArticleStatus,
) => only(transition(actor, articleId, 'publish', now, { reason: note, seen }));
export const unpublishArticle = (actor: Actor, articleId: number, now = new Date(), seen?: ArticleStatus) =>
  only(transition(actor, articleId, 'unpublish', now, { seen }));
export const scheduleArticle = (
  actor: Actor,
  articleId: number,
  scheduledAt: Date,
  embargoUntil: Date | null = null,
  now = new Date(),
  seen?: ArticleStatus,
) => only(transition(actor, articleId, 'schedule', now, { scheduledAt, embargoUntil, seen }));
// The editorial calendar's move (drag or the move-to control): the same schedule transition, the
// embargo left as it is (a move past the embargo is still refused by embargoFor).
export const rescheduleArticle = (actor: Actor, articleId: number, scheduledAt: Date, now = new Date()) =>
  only(transition(actor, articleId, 'schedule', now, { scheduledAt }));
export const unscheduleArticle = (actor: Actor, articleId: number, now = new Date(), seen?: ArticleStatus) =>
  only(transition(actor, articleId, 'unschedule', now, { seen }));
// null lifts the embargo at once.
export const setEmbargo = (
  actor: Actor,
  articleId: number,
  embargoUntil: Date | null,
  now = new Date(),
  seen?: ArticleStatus,
) => only(transition(actor, articleId, 'embargo', now, { embargoUntil, seen }));
export const archiveArticle = (actor: Actor, articleId: number, now = new Date(), seen?: ArticleStatus) =>
  only(transition(actor, articleId, 'archive', now, { seen }));
export const deleteDraft = (actor: Actor, articleId: number, now = new Date(), seen?: ArticleStatus) =>
  only(transition(actor, articleId, 'delete', now, { seen }));

// The scheduler's publication of one article, in the name of whoever scheduled it: null when it
// is no longer scheduled and due (another process published it first, or it was unscheduled).
export function publishIfDue(actor: Actor, articleId: number, now = new Date(), database: Db = db) {
  return transition(actor, articleId, 'publish', now, { due: true, database });
}

// The scheduler's lifting of a passed embargo, with the same guarantee.
export function liftEmbargoIfDue(actor: Actor, articleId: number, now = new Date(), database: Db = db) {
  return transition(actor, articleId, 'embargo', now, { due: true, embargoUntil: null, database });
}
