import 'server-only';
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
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
        // This person's tabs beyond the newest few are dropped: made-up tab ids only push out
        // their sender's own older ones.
        tx.run(sql`DELETE FROM ${editorPresence}
          WHERE ${editorPresence.articleId} = ${articleId} AND ${editorPresence.userId} = ${user.id}
            AND rowid NOT IN (SELECT rowid FROM ${editorPresence}
              WHERE ${editorPresence.articleId} = ${articleId} AND ${editorPresence.userId} = ${user.id}
              ORDER BY ${editorPresence.seenAt} DESC, rowid DESC LIMIT ${MAX_TABS_PER_PERSON})`);
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
