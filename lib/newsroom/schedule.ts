import { and, desc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { db } from '@/db';
import type { Db } from '@/db/connection';
import { liftEmbargoIfDue, publishIfDue } from '@/lib/newsroom/workflow';
import { sweepDeadlines } from '@/lib/newsroom/planning';
import { articles, events, users } from '@/db/schema';
import { isBusy } from '@/db/write-lock';

// The scheduler's sweep: publish what is scheduled and due, lift embargoes that have passed. Every
// process runs it (lib/newsroom/scheduler.ts); each change is one write conditional on the row still being
// due (lib/newsroom/workflow.ts, transition), so two processes sweeping at once change it once.

export type SweepResult = { published: number[]; lifted: number[]; reminded: number[]; missed: number[] };

export function runScheduledWork(now = new Date(), database: Db = db): SweepResult {
  const published: number[] = [];
  const lifted: number[] = [];
  const due = database
    .select({ id: articles.id, scheduledBy: articles.scheduledBy, authorId: articles.authorId })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, now), isNull(articles.deletedAt)))
    .orderBy(articles.scheduledAt)
    .all();
  for (const article of due) {
    const actor = actorFor(database, article.scheduledBy ?? article.authorId);
    // One article that can no longer be published (its section was removed since) must not hold
    // back the others; it stays scheduled and the desk sees it in its queue.
    if (attempt(() => publishIfDue(actor, article.id, now, database))) published.push(article.id);
  }
  const embargoed = database
    .select({ id: articles.id, authorId: articles.authorId })
    .from(articles)
    .where(and(isNotNull(articles.embargoUntil), lte(articles.embargoUntil, now), isNull(articles.deletedAt)))
    .all();
  for (const article of embargoed) {
    const actor = actorFor(database, embargoSetter(database, article.id) ?? article.authorId);
    if (attempt(() => liftEmbargoIfDue(actor, article.id, now, database))) lifted.push(article.id);
  }
  // The planning desk's deadlines: an hour away, and missed (each notice sent once).
  const deadlines = attempt(() => sweepDeadlines(now, database)) ?? { reminded: [], missed: [] };
  return { published, lifted, ...deadlines };
}

function attempt<T>(work: () => T): T | null {
  try {
    return work();
  } catch (error) {
    // Another writer holding the lock a moment (a beacon batch, a backup) is routine: one line,
    // and the next sweep tries again.
    if (isBusy(error)) console.warn('scheduled change deferred: the database is busy');
    else console.error('scheduled change failed', error);
    return null;
  }
}

function actorFor(database: Db, userId: number) {
  const user = database
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  // The user row exists (foreign key); its role does not matter to a due publication.
  return user ?? { id: userId, role: 'editor' as const };
}

// Whoever last set the embargo or the schedule: the lifting is done in their name.
function embargoSetter(database: Db, articleId: number): number | null {
  const event = database
    .select({ actorId: events.actorId })
    .from(events)
    .where(and(eq(events.articleId, articleId), inArray(events.action, ['embargo', 'schedule'])))
    .orderBy(desc(events.id))
    .get();
  return event?.actorId ?? null;
}
