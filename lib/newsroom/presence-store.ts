import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import { editorPresence } from '@/db/schema';
import { transaction } from '@/db/transaction';

// Who has an article open in the editor, in SQLite so that every worker process sees every tab:
// each open editor's heartbeat writes its row, and rows older than `expiresMs` are deleted.
// Bounded both ways: one person keeps at most MAX_TABS_PER_PERSON tabs per article (made-up tab
// ids push out that person's own oldest ones, nobody else's), and an answer names at most
// MAX_OTHERS_IN_ANSWER others, so a heartbeat's answer stays small whatever is sent.
export const MAX_TABS_PER_PERSON = 5;
export const MAX_OTHERS_IN_ANSWER = 20;

// Each open editor beats every PRESENCE_HEARTBEAT_MS; a tab is forgotten two beats after its last.
// Also what مقال جديد's sweep of untouched drafts counts as open (lib/newsroom/articles.ts).
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_EXPIRES_MS = PRESENCE_HEARTBEAT_MS * 2 + 5_000;

export type PresentEditor = { userId: number; name: string };

export function touchEditorPresence(
  articleId: number,
  tabId: string,
  user: { id: number; name: string },
  leaving: boolean,
  now: number,
  expiresMs: number,
): PresentEditor[] {
  return transaction((tx) => {
    tx.delete(editorPresence)
      .where(lt(editorPresence.seenAt, now - expiresMs))
      .run();
    const thisTab = and(eq(editorPresence.articleId, articleId), eq(editorPresence.tabId, tabId));
    if (leaving)
      tx.delete(editorPresence)
        .where(and(thisTab, eq(editorPresence.userId, user.id)))
        .run();
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
      tx.run(sql`DELETE FROM ${editorPresence}
          WHERE ${editorPresence.articleId} = ${articleId} AND ${editorPresence.userId} = ${user.id}
            AND rowid NOT IN (SELECT rowid FROM ${editorPresence}
              WHERE ${editorPresence.articleId} = ${articleId} AND ${editorPresence.userId} = ${user.id}
              ORDER BY ${editorPresence.seenAt} DESC, rowid DESC LIMIT ${MAX_TABS_PER_PERSON})`);
    }
    return tx
      .select({ userId: editorPresence.userId, name: editorPresence.name })
      .from(editorPresence)
      .where(and(eq(editorPresence.articleId, articleId), ne(editorPresence.tabId, tabId)))
      .orderBy(asc(editorPresence.seenAt), asc(sql`rowid`))
      .limit(MAX_OTHERS_IN_ANSWER)
      .all();
  });
}
