'use client';

import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  COLLAB_MESSAGES,
  COLLAB_PATH,
  documentNameOf,
  type CollabNotice,
} from '@/lib/shared/collab-protocol';

// Writing together, in the browser: one Yjs document per open article, reached over /collab
// (the app's own origin, so the session cookie goes with it), and kept on this device in
// IndexedDB (y-indexeddb) so that what is typed without a connection survives a closed tab and
// merges when the connection is back. The browser never seeds the document: its content comes
// from the collaboration server (or from this device's copy of what the server sent earlier).

// What the page hands in: who is typing (their caret's name and colour).
export type CollabSetup = { userId: number; userName: string };

export type CollabPerson = { clientId: number; name: string; color: string };

export type CollabState = {
  connection: 'connecting' | 'connected' | 'disconnected';
  // The server's document has arrived at least once: typing may begin.
  synced: boolean;
  // The server says this person may only read (now, or since the article changed state).
  readOnly: boolean;
  // Why the server closed or refused the connection (Arabic), when it did.
  closed: string | null;
  // The last store the server refused (Arabic), until the next one succeeds.
  refused: string | null;
  // This browser has changes the server has not stored yet.
  unstored: boolean;
  savedAt: number | null;
  // Everyone else in the document now.
  people: CollabPerson[];
  // The article's newest version someone saved by another path (the other fields' autosave, a
  // workflow step), as the collaboration server last saw it.
  version: number;
  // The connection came back after being lost (shown for a moment).
  reconnected: boolean;
  // The server's document did not arrive within UNREACHABLE_MS of opening (WebSocket blocked,
  // /collab refused, the collaboration process down), this device's copy having been read.
  unreachable: boolean;
  // This device holds a copy of the shared document (y-indexeddb) that is not empty.
  localCopy: boolean;
  // Given up for this page's life (`abandon`): the body goes through the autosave.
  abandoned: boolean;
};

const INITIAL: CollabState = {
  connection: 'connecting',
  synced: false,
  readOnly: false,
  closed: null,
  refused: null,
  unstored: false,
  savedAt: null,
  people: [],
  reconnected: false,
  version: 0,
  unreachable: false,
  localCopy: false,
  abandoned: false,
};

// Caret colours, dark enough for white text on them and told apart from each other.
const COLORS = ['#b42318', '#175cd3', '#067647', '#6941c6', '#b54708', '#c11574', '#0e7090', '#4e5ba6'];
export function colorOf(userId: number): string {
  return COLORS[Math.abs(userId) % COLORS.length]!;
}

export type Collaboration = {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  user: { name: string; color: string };
  subscribe: (listener: () => void) => () => void;
  get: () => CollabState;
  // Asks the server to store the body now (before a workflow step) and tells whether all of this
  // person's typing is stored.
  storeNow: () => Promise<boolean>;
  // For the rest of this page's life the body goes through the autosave instead: the connection
  // is closed for good and this device's copy, which holds nothing the server lacks (the caller
  // checked), is deleted, so that it cannot hold a later visit back (see ArticleEditor).
  abandon: () => void;
};

// How long a page waits for the server's document before the body falls back to the autosave.
export const UNREACHABLE_MS = 4_000;

const STORE_WAIT_MS = 12_000;

function createCollaboration(articleId: number, setup: CollabSetup): Collaboration {
  const doc = new Y.Doc();
  let state = INITIAL;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<CollabState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  let everConnected = false;
  let reconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  const provider = new HocuspocusProvider({
    url: `${scheme}://${location.host}${COLLAB_PATH}`,
    name: documentNameOf(articleId),
    document: doc,
    // The session is the cookie sent with the upgrade; a token must be present for the server
    // to run its authentication at all.
    token: 'session-cookie',
    onStatus: ({ status }) => {
      const connection =
        status === WebSocketStatus.Connected
          ? 'connected'
          : status === WebSocketStatus.Connecting
            ? 'connecting'
            : 'disconnected';
      const back = connection === 'connected' && everConnected && state.connection !== 'connected';
      if (connection === 'connected') everConnected = true;
      set({ connection, reconnected: back || (state.reconnected && connection === 'connected') });
      if (back) {
        clearTimeout(reconnectedTimer);
        reconnectedTimer = setTimeout(() => set({ reconnected: false }), 4000);
      }
    },
    onSynced: () => set({ synced: true }),
    onAuthenticated: ({ scope }) => set({ readOnly: scope === 'readonly', closed: null }),
    onAuthenticationFailed: ({ reason }) =>
      set({ closed: COLLAB_MESSAGES[reason] ?? COLLAB_MESSAGES.forbidden!, readOnly: true }),
    onClose: ({ event }) => {
      const message = COLLAB_MESSAGES[String(event.reason)];
      if (message) set({ closed: message, readOnly: true });
    },
    onStateless: ({ payload }) => {
      let notice: CollabNotice;
      try {
        notice = JSON.parse(payload) as CollabNotice;
      } catch {
        return;
      }
      if (notice.type === 'stored') {
        const stored = Y.decodeStateVector(Uint8Array.from(atob(notice.stateVector), (c) => c.charCodeAt(0)));
        const mine = Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
        set({
          refused: null,
          savedAt: notice.savedAt,
          unstored: mine > (stored.get(doc.clientID) ?? 0),
        });
      } else if (notice.type === 'refused') {
        set({ refused: notice.message });
      } else if (notice.type === 'version') {
        set({ version: notice.version });
      } else if (notice.type === 'readonly') {
        set({ readOnly: true });
      } else if (notice.type === 'editable') {
        set({ readOnly: false });
      } else if (notice.type === 'closed') {
        set({ closed: COLLAB_MESSAGES[notice.code] ?? null, readOnly: true });
      }
    },
    onAwarenessChange: ({ states }) => {
      const people: CollabPerson[] = [];
      for (const entry of states) {
        const user = (entry as { user?: { name?: unknown; color?: unknown } }).user;
        if (entry.clientId === doc.clientID || typeof user?.name !== 'string') continue;
        people.push({ clientId: entry.clientId, name: user.name, color: String(user.color ?? '#444') });
      }
      set({ people });
    },
  });
  // This device's copy: typing without a connection is kept here and sent when it is back.
  const local =
    typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(documentNameOf(articleId), doc);
  let abandoned = false;
  // Not reached in time: said once this device's copy is loaded, so the caller can tell whether
  // there is one (typing kept here from an earlier visit must not be set aside).
  const unreachableTimer = setTimeout(() => {
    void (local?.whenSynced ?? Promise.resolve()).then(() => {
      if (state.synced || state.closed || abandoned) return;
      set({ unreachable: true, localCopy: doc.getXmlFragment('default').length > 0 });
    });
  }, UNREACHABLE_MS);
  provider.on('synced', () => clearTimeout(unreachableTimer));
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === local) return;
    if (!state.unstored) set({ unstored: true });
  });
  const collab: Collaboration = {
    doc,
    provider,
    user: { name: setup.userName, color: colorOf(setup.userId) },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => state,
    storeNow: async () => {
      if (!state.unstored) return !state.refused;
      provider.sendStateless(JSON.stringify({ type: 'store' }));
      const deadline = Date.now() + STORE_WAIT_MS;
      while (state.unstored && !state.refused && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return !state.unstored && !state.refused;
    },
    abandon: () => {
      if (abandoned) return;
      abandoned = true;
      abandonedCollabs.add(collab);
      clearTimeout(unreachableTimer);
      provider.disconnect();
      set({ connection: 'disconnected', people: [], abandoned: true });
      // Once the editor bound to the shared document (and its carets, to the provider's
      // awareness) has been replaced by the autosave's.
      setTimeout(() => {
        provider.destroy();
        void local?.clearData();
      }, 0);
    },
  };
  return collab;
}

const noCollaboration = {
  subscribe: () => () => undefined,
  get: () => INITIAL,
};

const paused = new WeakSet<Collaboration>();
const abandonedCollabs = new WeakSet<Collaboration>();

// One collaboration per mounted editor, made on the client's first render (never on the server:
// the editor is created from it, once). The socket is closed when the editor goes.
export function useCollaboration(articleId: number, setup: CollabSetup | null): Collaboration | null {
  const [collab] = useState(() =>
    setup && typeof window !== 'undefined' ? createCollaboration(articleId, setup) : null,
  );
  useEffect(() => {
    if (!collab) return;
    // Connected when made; connected again only after this effect's own cleanup (React runs the
    // cleanup and the effect once more in development's strict mode).
    if (abandonedCollabs.has(collab)) return;
    if (paused.has(collab)) {
      paused.delete(collab);
      void collab.provider.connect();
    }
    // The browser knows before the socket does that the network is gone (a socket can stay open
    // for minutes on a dead link): the document goes on locally, and back when the network is.
    const offline = () => collab.provider.disconnect();
    const online = () => {
      if (!abandonedCollabs.has(collab)) void collab.provider.connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      paused.add(collab);
      collab.provider.disconnect();
    };
  }, [collab]);
  return collab;
}

export function useCollabState(collab: Collaboration | null): CollabState {
  const source = collab ?? noCollaboration;
  return useSyncExternalStore(source.subscribe, source.get, () => INITIAL);
}
