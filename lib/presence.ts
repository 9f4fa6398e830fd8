import 'server-only';

// Who has an article open right now: an in-memory map in the one server process, refreshed by
// each open editor's heartbeat. A restart forgets it, and within one heartbeat it is rebuilt.

export const PRESENCE_HEARTBEAT_MS = 15_000;
const PRESENCE_EXPIRES_MS = PRESENCE_HEARTBEAT_MS * 2 + 5_000;

type Presence = { userId: number; name: string; seenAt: number };

const globalStore = globalThis as typeof globalThis & {
  newsroomPresence?: Map<number, Map<string, Presence>>;
};
const byArticle = (globalStore.newsroomPresence ??= new Map());

export type OtherEditor = { name: string; sameUser: boolean };

// Records this tab as present (or gone) and returns everyone else who has the article open.
export function touchPresence(
  articleId: number,
  tabId: string,
  user: { id: number; name: string },
  leaving: boolean,
  now = Date.now(),
): OtherEditor[] {
  let tabs = byArticle.get(articleId);
  if (!tabs) byArticle.set(articleId, (tabs = new Map()));
  if (leaving) tabs.delete(tabId);
  else tabs.set(tabId, { userId: user.id, name: user.name, seenAt: now });
  const others: OtherEditor[] = [];
  for (const [id, p] of tabs) {
    if (now - p.seenAt > PRESENCE_EXPIRES_MS) tabs.delete(id);
    else if (id !== tabId) others.push({ name: p.name, sameUser: p.userId === user.id });
  }
  if (tabs.size === 0) byArticle.delete(articleId);
  return others;
}
