'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';

// One message at the top of the article's page that outlives the refresh it asks for: the editor
// is remounted when the article's version changes (app/…/articles/[id]/page.tsx keys it), and a
// panel may vanish when its actions no longer apply, so neither can keep the message itself.
// Said by: a stale action (the article moved on: who moved it, when) and a changed role.

type Said = { text: string; focus: boolean } | null;
let message: Said = null;
const listeners = new Set<() => void>();

// `focus`: after a button press (which a refresh may take away); never while someone types (a
// changed role is announced by the alert alone, the caret stays in the text).
export function tellDesk(text: string | null, { focus = true }: { focus?: boolean } = {}): void {
  message = text ? { text, focus } : null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function DeskNotice() {
  const said = useSyncExternalStore(
    subscribe,
    () => message,
    () => null,
  );
  const ref = useRef<HTMLDivElement>(null);
  const text = said?.text ?? null;
  useEffect(() => {
    if (said?.focus) ref.current?.focus();
  }, [said]);
  // A message belongs to the page it was said on.
  useEffect(() => () => tellDesk(null), []);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className={text ? 'desk-notice notice' : undefined}>
      {text ? (
        <>
          <p>{text}</p>
          <button type="button" onClick={() => tellDesk(null)}>
            إخفاء الرسالة
          </button>
        </>
      ) : null}
    </div>
  );
}

// The code of a refusal because the article has left the state the page showed.
export const STATE_CHANGED = 'state_changed';
