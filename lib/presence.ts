import 'server-only';
import { and, asc, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { db } from '@/db';
import { editorPresence } from '@/db/schema';

// Who has an article open right now, refreshed by each open editor's heartbeat. Kept in SQLite
// so that every worker process sees every tab. Bounded both ways: one person keeps at most
// MAX_TABS_PER_PERSON tabs per article (made-up tab ids push out that person's own oldest ones,
// nobody else's), and an answer names at most MAX_OTHERS_IN_ANSWER others.

export const PRESENCE_HEARTBEAT_MS = 15_000;
const PRESENCE_EXPIRES_MS = PRESENCE_HEARTBEAT_MS * 2 + 5_000;
export const MAX_TABS_PER_PERSON = 5;
export const MAX_OTHERS_IN_ANSWER = 20;

export type OtherEditor = { name: string; sameUser: boolean };

// Records this tab as present (or gone) and returns everyone else who has the article open.
export function touchPresence(
  articleId: number,
  tabId: string,
  user: { id: number; name: string },
  leaving: boolean,
  now = Date.now(),
): OtherEditor[] {
  return db.transaction(
    (tx) => {
      tx.delete(editorPresence)
        .where(
          and(eq(editorPresence.articleId, articleId), lt(editorPresence.seenAt, now - PRESENCE_EXPIRES_MS)),
        )
        .run();
      const thisTab = and(eq(editorPresence.articleId, articleId), eq(editorPresence.tabId, tabId));
      if (leaving) tx.delete(editorPresence).where(thisTab).run();
      else {
        // A tab id belongs to whoever first used it: another person cannot take it over.
        tx.insert(editorPresence)
          .values({ articleId, tabId, userId: user.id, name: user.name, seenAt: now })
          .onConflictDoUpdate({
            target: [editorPresence.articleId, editorPresence.tabId],
            set: { seenAt: now, name: user.name },
            setWhere: eq(editorPresence.userId, user.id),
          })
          .run();
        const mine = and(eq(editorPresence.articleId, articleId), eq(editorPresence.userId, user.id));
        const extra = tx
          .select({ tabId: editorPresence.tabId })
          .from(editorPresence)
          .where(mine)
          .orderBy(desc(editorPresence.seenAt), desc(sql`rowid`))
          .limit(-1)
          .offset(MAX_TABS_PER_PERSON)
          .all();
        for (const row of extra)
          tx.delete(editorPresence)
            .where(and(mine, eq(editorPresence.tabId, row.tabId)))
            .run();
      }
      return tx
        .select({ name: editorPresence.name, userId: editorPresence.userId })
        .from(editorPresence)
        .where(and(eq(editorPresence.articleId, articleId), ne(editorPresence.tabId, tabId)))
        .orderBy(asc(editorPresence.seenAt))
        .limit(MAX_OTHERS_IN_ANSWER)
        .all()
        .map((p) => ({ name: p.name, sameUser: p.userId === user.id }));
    },
    { behavior: 'immediate' },
  );
}
