import 'server-only';

import { PRESENCE_EXPIRES_MS, touchEditorPresence } from '@/lib/newsroom/presence-store';

export {
  MAX_OTHERS_IN_ANSWER,
  MAX_TABS_PER_PERSON,
  PRESENCE_HEARTBEAT_MS,
} from '@/lib/newsroom/presence-store';

// Who has an article open right now: one row per open editor tab in SQLite (so that every worker
// process sees every tab), refreshed by each tab's heartbeat and forgotten two heartbeats after
// the last.

export type OtherEditor = { name: string; sameUser: boolean };

// Records this tab as present (or gone) and returns everyone else who has the article open.
export function touchPresence(
  articleId: number,
  tabId: string,
  user: { id: number; name: string },
  leaving: boolean,
  now = Date.now(),
): OtherEditor[] {
  return touchEditorPresence(articleId, tabId, user, leaving, now, PRESENCE_EXPIRES_MS).map((p) => ({
    name: p.name,
    sameUser: p.userId === user.id,
  }));
}
