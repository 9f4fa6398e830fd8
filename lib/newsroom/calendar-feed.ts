import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { db } from '@/db';
import { calendarTokens, events, users } from '@/db/schema';
import { transaction } from '@/db/transaction';
import { feedItemsFor } from '@/lib/newsroom/planning';
import { assertCanPlan, type Actor } from '@/lib/shared/permissions';
import { PLAN_STATE_LABELS } from '@/lib/shared/planning';
import { absoluteUrl, newsroomSettings } from '@/lib/shared/settings';

// The private iCalendar feed (issue 19): one address per person, whose secret is a random token
// stored only as its SHA-256, so the database never holds a usable address. A new token replaces
// the old one; revoking deletes it: the old address answers 404 at once.
// The text is written by ical-generator, a maintained writer, rather than by hand: line folding at
// 75 octets (Arabic is 2 bytes a letter), escaping of commas and semicolons, UTC stamps and UIDs
// are where hand-written feeds break in real calendar clients.

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function calendarFeedPath(token: string): string {
  return `/api/calendar/${token}`;
}

export function hasCalendarFeed(userId: number): boolean {
  return !!db
    .select({ u: calendarTokens.userId })
    .from(calendarTokens)
    .where(eq(calendarTokens.userId, userId))
    .get();
}

// A new address for the person's feed (the previous one stops working). Returned once.
export function renewCalendarToken(actor: Actor, now = new Date()): string {
  assertCanPlan(actor, 'manageCalendarFeed', actor.id);
  const token = randomBytes(24).toString('base64url');
  transaction((tx) => {
    tx.insert(calendarTokens)
      .values({ userId: actor.id, tokenHash: hashOf(token), createdAt: now })
      .onConflictDoUpdate({
        target: calendarTokens.userId,
        set: { tokenHash: hashOf(token), createdAt: now },
      })
      .run();
    tx.insert(events)
      .values({ actorId: actor.id, userId: actor.id, action: 'calendar_feed_renewed', createdAt: now })
      .run();
  });
  return token;
}

export function revokeCalendarToken(actor: Actor, now = new Date()): void {
  assertCanPlan(actor, 'manageCalendarFeed', actor.id);
  transaction((tx) => {
    tx.delete(calendarTokens).where(eq(calendarTokens.userId, actor.id)).run();
    tx.insert(events)
      .values({ actorId: actor.id, userId: actor.id, action: 'calendar_feed_revoked', createdAt: now })
      .run();
  });
}

// The feed's text for a token, or null when no (enabled) person holds it.
export function calendarFeedFor(token: string, now = new Date()): string | null {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const person = db
    .select({ id: users.id, role: users.role, name: users.name, disabled: users.disabled })
    .from(calendarTokens)
    .innerJoin(users, eq(users.id, calendarTokens.userId))
    .where(eq(calendarTokens.tokenHash, hashOf(token)))
    .get();
  if (!person || person.disabled) return null;
  const calendar = ical({
    name: `${newsroomSettings.name}: ${person.name}`,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'newsroom', product: 'planning-desk', language: 'AR' },
    // No `timezone`: without a VTIMEZONE generator ical-generator would then write the UTC clock
    // as floating local times (hours off in every client); UTC instants ("…Z") are exact anywhere.
    ttl: 15 * 60,
  });
  for (const item of feedItemsFor(person, now)) {
    if (!item.at) continue;
    const what =
      item.kind === 'deadline'
        ? `الموعد النهائي: ${item.title}`
        : item.kind === 'scheduled'
          ? `نشر مجدول: ${item.title}`
          : `انتهاء حظر النشر: ${item.title}`;
    calendar.createEvent({
      id: `${item.key.replace(':', '-')}@newsroom`,
      start: item.at,
      end: new Date(item.at.getTime() + 15 * 60 * 1000),
      stamp: now,
      summary: what,
      description: item.state ? `الحالة: ${PLAN_STATE_LABELS[item.state]}` : undefined,
      url: item.articleId
        ? absoluteUrl(`/newsroom/articles/${item.articleId}`)
        : item.assignmentId
          ? absoluteUrl(`/newsroom/plan/assignments/${item.assignmentId}`)
          : undefined,
    });
  }
  return calendar.toString();
}
