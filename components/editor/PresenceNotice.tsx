'use client';

import { useEffect, useState } from 'react';
import { articlePresenceAction } from '@/app/(newsroom)/newsroom/articles/actions';

const HEARTBEAT_MS = 15_000;

type Other = { name: string; sameUser: boolean };

// Tells a journalist who else has this article open, so two people know before they collide.
export function PresenceNotice({ articleId }: { articleId: number }) {
  const [others, setOthers] = useState<Other[]>([]);

  useEffect(() => {
    const tabId = crypto.randomUUID();
    let stopped = false;
    const beat = (leaving = false) =>
      articlePresenceAction({ articleId, tabId, leaving })
        .then((result) => {
          if (!stopped && result.ok) setOthers(result.data);
        })
        // Presence is a courtesy: a missed heartbeat changes nothing else.
        .catch(() => undefined);
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    const leave = () => void beat(true);
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [articleId]);

  const names = [...new Set(others.map((o) => (o.sameUser ? 'أنت في تبويب آخر' : o.name)))];
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
