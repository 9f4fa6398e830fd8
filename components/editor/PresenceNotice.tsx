'use client';

import { useEffect, useRef, useState } from 'react';
import type { Role } from '@/lib/shared/enums';
import type { ActionResult } from '@/lib/shared/errors';

const HEARTBEAT_MS = 15_000;
// While someone else has the article open, more often: their saves reach this page within
// seconds (the answer carries the article's version), not at this tab's next save.
const HEARTBEAT_WITH_OTHERS_MS = 3_000;

type Other = { name: string; sameUser: boolean };

// The heartbeat, a server action handed in by the route's shell (components/editor/ imports no
// server code).
export type Heartbeat = (input: {
  articleId: number;
  tabId: string;
  leaving?: boolean;
}) => Promise<ActionResult<{ others: Other[]; version: number; role?: Role }>>;

// One id per browser tab and article, kept in sessionStorage so that a reload (or the remount
// after a workflow action) is the same tab: a fresh id each time left the previous load's row
// behind, and the journalist was told «أنت في تبويب آخر» about their only tab.
function tabIdFor(articleId: number): string {
  const key = `newsroom:presence-tab:${articleId}`;
  try {
    const known = sessionStorage.getItem(key);
    if (known && /^[0-9a-f-]{36}$/.test(known)) return known;
    const made = crypto.randomUUID();
    sessionStorage.setItem(key, made);
    return made;
  } catch {
    // Storage refused (a private mode): presence still works, a reload may show a ghost briefly.
    return crypto.randomUUID();
  }
}

// Tells a journalist who else has this article open, so two people know before they collide.
export function PresenceNotice({
  articleId,
  heartbeat,
  onVersion,
  onRole,
  quiet = false,
}: {
  articleId: number;
  heartbeat: Heartbeat;
  onVersion?: (version: number) => void;
  // The person's role as the server has it now (an admin may change it while they write).
  onRole?: (role: Role) => void;
  // While the body is written together, the collaboration server shows who is there: the
  // heartbeat then only keeps the role (and this tab's presence) current.
  quiet?: boolean;
}) {
  const [others, setOthers] = useState<Other[]>([]);
  const onVersionRef = useRef(onVersion);
  const onRoleRef = useRef(onRole);
  const quietRef = useRef(quiet);
  useEffect(() => {
    onVersionRef.current = onVersion;
    onRoleRef.current = onRole;
    quietRef.current = quiet;
  });

  useEffect(() => {
    const tabId = tabIdFor(articleId);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const beat = (leaving = false) =>
      heartbeat({ articleId, tabId, leaving })
        .then((result) => {
          if (stopped) return HEARTBEAT_MS;
          // Refused because a new role may no longer see the article: the role still comes back.
          const role = result.ok ? result.data.role : (result.current as { role?: Role } | undefined)?.role;
          if (role) onRoleRef.current?.(role);
          if (!result.ok) return HEARTBEAT_MS;
          setOthers(result.data.others);
          onVersionRef.current?.(result.data.version);
          // Quiet, the others' saves come through the shared document: no need to beat faster.
          return result.data.others.length && !quietRef.current ? HEARTBEAT_WITH_OTHERS_MS : HEARTBEAT_MS;
        })
        // Presence is a courtesy: a missed heartbeat changes nothing else.
        .catch(() => HEARTBEAT_MS);
    const loop = () =>
      void beat().then((next) => {
        if (!stopped) timer = setTimeout(loop, next);
      });
    loop();
    const leave = () => void beat(true);
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [articleId, heartbeat]);

  const names = quiet ? [] : [...new Set(others.map((o) => (o.sameUser ? 'أنت في تبويب آخر' : o.name)))];
  return (
    <div aria-live="polite" className="presence">
      {names.length > 0 ? (
        <p>
          يفتح هذا المقال الآن أيضاً:{' '}
          {names.map((name, i) => (
            <span key={name}>
              {i > 0 ? '، ' : null}
              <bdi>{name}</bdi>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
