'use client';

import './collab.css';
import { ALSO_EDITING, LIVE_BACK, LIVE_LOST, LIVE_OPENING, LIVE_UNAVAILABLE } from './status';
import type { CollabState } from './useCollaboration';

// Who else is writing in this article now (their caret has the same colour), and the state of the
// live connection. Replaces the polled presence notice while the body is written together.
// `fallback`: the shared document never arrived and the body is saved by the autosave instead.
export function CollabStatus({
  state,
  canEdit,
  fallback = false,
}: {
  state: CollabState;
  canEdit: boolean;
  fallback?: boolean;
}) {
  const names = [...new Map(state.people.map((p) => [p.name, p])).values()];
  return (
    <div className="collab-status">
      {names.length ? (
        <p className="notice collab-people" data-testid="collab-people">
          {ALSO_EDITING}:{' '}
          {names.map((person, i) => (
            <span key={person.clientId}>
              {i ? '، ' : ''}
              <span className="collab-swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
              <bdi>{person.name}</bdi>
            </span>
          ))}
        </p>
      ) : null}
      <p aria-live="polite" className="collab-connection" data-connection={state.connection}>
        {state.closed
          ? null
          : fallback
            ? canEdit
              ? LIVE_UNAVAILABLE
              : null
            : !state.synced && canEdit
              ? LIVE_OPENING
              : state.synced && state.connection === 'disconnected'
                ? LIVE_LOST
                : state.reconnected
                  ? LIVE_BACK
                  : null}
      </p>
      {state.closed ? (
        <p role="alert" className="form-error">
          {state.closed}
        </p>
      ) : null}
    </div>
  );
}
