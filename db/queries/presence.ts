import { and, eq, lt, ne } from 'drizzle-orm';
import { db } from '@/db';
import { editorPresence } from '@/db/schema';

// Who has an article open in the editor, in SQLite so that every worker process sees every tab:
// each open editor's heartbeat writes its row, and rows older than `expiresMs` are deleted.

export type PresentEditor = { userId: number; name: string };

export function touchEditorPresence(
  articleId: number,
  tabId: string,
  user: { id: number; name: string },
  leaving: boolean,
  now: number,
  expiresMs: number,
): PresentEditor[] {
  return db.transaction(
    (tx) => {
      tx.delete(editorPresence)
        .where(lt(editorPresence.seenAt, now - expiresMs))
        .run();
      if (leaving)
        tx.delete(editorPresence)
          .where(and(eq(editorPresence.articleId, articleId), eq(editorPresence.tabId, tabId)))
          .run();
      else
        tx.insert(editorPresence)
          .values({ articleId, tabId, userId: user.id, name: user.name, seenAt: now })
          .onConflictDoUpdate({
            target: [editorPresence.articleId, editorPresence.tabId],
            set: { userId: user.id, name: user.name, seenAt: now },
          })
          .run();
      return tx
        .select({ userId: editorPresence.userId, name: editorPresence.name })
        .from(editorPresence)
        .where(and(eq(editorPresence.articleId, articleId), ne(editorPresence.tabId, tabId)))
        .all();
    },
    { behavior: 'immediate' },
  );
}
