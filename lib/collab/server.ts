import 'server-only';
import { Server, type Connection, type Document } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { ERROR_MESSAGES } from '@/lib/shared/errors';
import type { JSONContent } from '@tiptap/core';
import { bodyOf, mergeStoredBody as mergeIntoLive, replaceBody } from './document';
import {
  COLLAB_CLOSE,
  COLLAB_PATH,
  parseDocumentName,
  type CollabNotice,
} from '@/lib/shared/collab-protocol';
import { claimsFromCookies } from './session';
import {
  accessTo,
  inWriteTransaction,
  keepState,
  liveArticle,
  loadBody,
  seedOnce,
  storeBody,
  storedBodyOf,
  storedFromSharedState,
  userName,
} from './store';
import type { newsroomRedis } from './redis';

// The collaboration server (Hocuspocus): one for the whole machine, a thread of server.mjs's
// supervising process, on a loopback port; the app's workers pass it the WebSocket upgrades on
// /collab (lib/server/collab.mjs), so everyone on one article reaches the same document whichever
// worker they landed on. docs/collaboration.md has the whole design; in short:
// - who connects is decided by the next-auth session cookie and lib/permissions.ts, as for every
//   write; view-only people get a read-only document;
// - the server alone seeds a document from the stored body (lib/collab/store.ts loadBody);
// - it stores the body, debounced, through the autosave's own door, and tells everyone in the
//   document what was stored, or why not;
// - every second it reads again who may still edit (account disabled, role changed, article
//   submitted, published or deleted) from the database, which every process shares.

export type CollabContext = {
  userId: number;
  sessionVersion: number;
  expiresAt: number | null;
  articleId: number;
  name: string;
};

export type CollabServerOptions = {
  port?: number;
  host?: string;
  // Store a moment after typing stops, and at least this often while it goes on.
  debounceMs?: number;
  maxDebounceMs?: number;
  // How often who-may-edit is read again from the database.
  pollMs?: number;
  // The largest WebSocket message accepted (a whole offline document comes in one).
  maxMessageBytes?: number;
  // What one connection may send per second before it is closed (a flood must not starve others).
  maxMessagesPerSecond?: number;
  maxBytesPerSecond?: number;
  quiet?: boolean;
  // Several collaboration processes sharing documents through Redis (NEWSROOM_REDIS_URL,
  // lib/collab/redis.ts); without it this process is the only one, as on one box. The caller
  // hands over lib/collab/redis.ts's newsroomRedis with the address, having loaded it only then:
  // Redis's client is 5 MB of the server's memory (lib/server/collab-main.ts).
  redis?: { url: string; connect: typeof newsroomRedis };
};

type DocumentState = {
  articleId: number;
  // The hash of the body stored now, as this server last stored or loaded it, and the article's
  // version then (the poll hashes the stored body again only when the version moved).
  bodyHash: string;
  version: number;
  // That body itself: the base against which a body stored by another path is merged into the
  // live one (block by block).
  storedBody: JSONContent;
  // People whose typing the document holds since it was last stored.
  contributors: Set<number>;
  storing: boolean;
  // Changes relayed from a peer process (Redis) since the last store.
  relayed: boolean;
  // A body stored by another path is being merged in (with Redis: waiting to learn whether this
  // process is the one to merge it).
  merging: boolean;
};

type Bucket = { at: number; messages: number; bytes: number };

// A notice sent to one browser or to everyone in a document (components/editor/collab reads it).
function notify(target: { sendStateless(payload: string): void }, notice: CollabNotice) {
  target.sendStateless(JSON.stringify(notice));
}

function broadcast(document: Document, notice: CollabNotice) {
  document.broadcastStateless(JSON.stringify(notice));
}

// Hocuspocus closes a connection with the code and reason of what a hook throws.
function refuse(close: { code: number; reason: string }): never {
  throw { ...close };
}

export function createCollabServer(options: CollabServerOptions = {}) {
  const pollMs = options.pollMs ?? 1000;
  const maxMessageBytes = options.maxMessageBytes ?? 4 * 1024 * 1024;
  const maxMessagesPerSecond = options.maxMessagesPerSecond ?? 400;
  const maxBytesPerSecond = options.maxBytesPerSecond ?? 8 * 1024 * 1024;
  const documents = new Map<string, DocumentState>();
  const buckets = new WeakMap<Connection, Bucket>();
  const redis = options.redis
    ? options.redis.connect(options.redis.url, (name) => {
        const state = documents.get(name);
        return state !== undefined && (state.contributors.size > 0 || state.relayed);
      })
    : undefined;

  async function load(documentName: string): Promise<Uint8Array> {
    const articleId = parseDocumentName(documentName)!;
    let loaded = loadBody(articleId);
    // Kept at once, and only once across processes (seedOnce): every later load starts from this
    // same history, so a browser's offline copy of it merges instead of adding the body a second
    // time, and a second process opening the article now loads this seed instead of its own.
    if (loaded?.seeded) loaded = await whenWritable(() => seedOnce(articleId));
    if (!loaded) refuse(COLLAB_CLOSE.gone);
    const loadedDoc = new Y.Doc();
    Y.applyUpdate(loadedDoc, loaded.state);
    const storedBody = bodyOf(loadedDoc);
    loadedDoc.destroy();
    documents.set(documentName, {
      articleId,
      bodyHash: loaded.bodyHash,
      storedBody,
      version: loaded.version,
      contributors: new Set(),
      storing: false,
      relayed: false,
      merging: false,
    });
    return loaded.state;
  }

  const server = new Server<CollabContext>({
    name: 'newsroom-collab',
    port: options.port ?? 0,
    address: options.host ?? '127.0.0.1',
    quiet: options.quiet ?? true,
    stopOnSignals: false,
    debounce: options.debounceMs ?? 2000,
    maxDebounce: options.maxDebounceMs ?? 10_000,
    websocketOptions: { maxPayload: maxMessageBytes },
    extensions: redis ? [redis] : [],

    // The app's pages are the only origin allowed to open a document (a cookie alone is not
    // enough: another site's page could make the browser send it).
    async onConnect({ request, requestHeaders }) {
      const origin = requestHeaders.get('origin');
      // The host the browser asked for, as the worker that passed the upgrade saw it.
      const host = requestHeaders.get('x-newsroom-host') ?? requestHeaders.get('host');
      if (new URL(request.url).pathname !== COLLAB_PATH) refuse(COLLAB_CLOSE.notFound);
      if (origin !== null) {
        let same = false;
        try {
          same = host !== null && new URL(origin).host === host.toLowerCase();
        } catch {
          same = false;
        }
        if (!same) refuse(COLLAB_CLOSE.crossOrigin);
      }
    },

    async onAuthenticate({ documentName, requestHeaders, connectionConfig }) {
      const articleId = parseDocumentName(documentName);
      if (articleId === null) refuse(COLLAB_CLOSE.notFound);
      const claims = await claimsFromCookies(requestHeaders.get('cookie'));
      if (!claims) refuse(COLLAB_CLOSE.unauthenticated);
      const access = accessTo(claims.userId, claims.sessionVersion, articleId);
      if (access === 'none') refuse(COLLAB_CLOSE.forbidden);
      connectionConfig.readOnly = access === 'view';
      const context: CollabContext = {
        userId: claims.userId,
        sessionVersion: claims.sessionVersion,
        expiresAt: claims.expiresAt,
        articleId,
        name: userName(claims.userId),
      };
      return context;
    },

    async onLoadDocument({ documentName }) {
      return load(documentName);
    },

    async afterUnloadDocument({ documentName }) {
      documents.delete(documentName);
    },

    // Bad input is refused before Hocuspocus applies it: too much, too fast, or a change sent on
    // a read-only connection, an update that does not decode. Hocuspocus closes the connection
    // with the code and reason thrown; nothing of the message is applied or stored.
    async beforeHandleMessage({ connection, update, document }) {
      if (update.byteLength > maxMessageBytes) refuse(COLLAB_CLOSE.tooLarge);
      const now = Date.now();
      let bucket = buckets.get(connection);
      if (!bucket || now - bucket.at >= 1000) {
        bucket = { at: now, messages: 0, bytes: 0 };
        buckets.set(connection, bucket);
      }
      bucket.messages++;
      bucket.bytes += update.byteLength;
      if (bucket.messages > maxMessagesPerSecond || bucket.bytes > maxBytesPerSecond) {
        refuse(COLLAB_CLOSE.flood);
      }
      const change = documentChangeOf(update);
      if (change === 'malformed') refuse(COLLAB_CLOSE.malformed);
      if (change && connection.readOnly && !Y.snapshotContainsUpdate(Y.snapshot(document), change)) {
        refuse(COLLAB_CLOSE.readOnly);
      }
    },

    // A browser about to take a workflow step asks for its typing to be stored now.
    async onStateless({ connection, documentName, payload }) {
      if (connection.readOnly || payload !== JSON.stringify({ type: 'store' })) return;
      const id = `onStoreDocument-${documentName}`;
      if (server.hocuspocus.debouncer.isDebounced(id)) server.hocuspocus.debouncer.executeNow(id);
    },

    async onChange({ documentName, document, instance, connection, context, transactionOrigin }) {
      const state = documents.get(documentName);
      if (!state) return;
      // Typing relayed from a peer process (Redis): Hocuspocus runs no store for it, but it is
      // stored by whichever process's debounced store comes first, so that a peer killed before
      // its own store loses nothing (its people are in Redis already: redis.ts contributorsOf).
      if ((transactionOrigin as { source?: string } | undefined)?.source === 'redis') {
        state.relayed = true;
        instance.storeDocumentHooks(document, {
          instance,
          clientsCount: document.getConnectionsCount(),
          document,
          documentName,
          lastContext: {},
          lastTransactionOrigin: transactionOrigin,
        });
        return;
      }
      if (!connection || !context?.userId) return;
      state.contributors.add(context.userId);
      redis?.addContributor(documentName, context.userId);
    },

    async onStoreDocument({ documentName, document, lastTransactionOrigin }) {
      const state = documents.get(documentName);
      if (!state || (state.contributors.size === 0 && !state.relayed)) return;
      const local = [...state.contributors];
      state.contributors.clear();
      state.relayed = false;
      state.storing = true;
      try {
        // With Redis: everyone who typed through any process since the last store (this store
        // holds the shared document, so their typing is in it).
        const contributors = redis ? await redis.contributorsOf(documentName, local) : local;
        if (contributors.length === 0) return;
        const busy = {
          ok: false as const,
          code: 'busy',
          message: ERROR_MESSAGES.busy,
          unauthorized: [] as number[],
        };
        let stateVector = Y.encodeStateVector(document);
        const store = () => {
          stateVector = Y.encodeStateVector(document);
          return whenWritable(() =>
            storeBody(state.articleId, document, contributors, new Date(), state.bodyHash),
          ).catch((error: unknown) => {
            // Locked too long by another process (DatabaseBusyError), or a failure of this process:
            // nothing was written either way, and the next change tries again.
            if (!(error instanceof DatabaseBusyError)) console.error('collaboration: a store failed', error);
            return busy;
          });
        };
        let attempted = await store();
        // A body saved by another path since this document last met the database (an editor
        // whose live connection never came, a restore) is merged in first, never stored over:
        // the poll would see it only up to a second later.
        // With Redis the newer body may be a peer process's store of this very document: taken as
        // Yjs, not merged by block.
        for (let tries = 0; !attempted.ok && attempted.code === 'stale' && tries < 3; tries++) {
          // Locked too long by another process: answered as busy below, the contributors kept.
          const taken = await whenWritable(() => takeOnce(document, state)).then(
            () => true,
            (error: unknown) => {
              if (!(error instanceof DatabaseBusyError))
                console.error('collaboration: a merge failed', error);
              return false;
            },
          );
          if (!taken) break;
          attempted = await store();
        }
        const outcome = !attempted.ok && attempted.code === 'stale' ? busy : attempted;
        if (outcome.ok) {
          await redis?.forgetContributors(documentName, contributors);
          state.bodyHash = outcome.bodyHash;
          state.storedBody = storedBodyOf(state.articleId) ?? state.storedBody;
          state.version = outcome.version;
          broadcast(document, {
            type: 'stored',
            version: outcome.version,
            savedAt: outcome.savedAt,
            stateVector: Buffer.from(stateVector).toString('base64'),
          });
          return;
        }
        if (outcome.code === 'busy') {
          // Kept for the next store: the database was locked by another process too long.
          // (In Redis they stay until a store succeeds.)
          for (const id of local) state.contributors.add(id);
          broadcast(document, { type: 'refused', code: 'busy', message: outcome.message });
          return;
        }
        // Refused (the document check, a limit, a permission): nothing was written. Everyone is
        // told why; the document goes back to the body stored now, so it never holds what cannot
        // be stored; the connection whose change was last, and anyone no longer allowed, is closed.
        broadcast(document, { type: 'refused', code: outcome.code, message: outcome.message });
        await redis?.forgetContributors(documentName, contributors);
        const article = liveArticle(state.articleId);
        const stored = article && loadBody(state.articleId);
        if (stored) {
          const current = new Y.Doc();
          Y.applyUpdate(current, stored.state);
          state.storedBody = bodyOf(current);
          replaceBody(document, state.storedBody, { source: 'local', skipStoreHooks: true });
          current.destroy();
          state.bodyHash = stored.bodyHash;
          state.version = stored.version;
        }
        const origin = lastTransactionOrigin as { source?: string; connection?: Connection } | undefined;
        const last = origin?.source === 'connection' ? origin.connection : undefined;
        for (const connection of document.getConnections()) {
          const userId = (connection.context as CollabContext | undefined)?.userId;
          if (connection === last || (userId !== undefined && outcome.unauthorized.includes(userId))) {
            connection.close(outcome.code === 'forbidden' ? COLLAB_CLOSE.forbidden : COLLAB_CLOSE.invalid);
          }
        }
      } finally {
        state.storing = false;
      }
    },
  });

  // Who may still edit, read again from the database every pollMs: the same table as every
  // write, so a change made by any process (a submit, a publish, a disabled account) reaches
  // every open connection within a poll.
  function recheck() {
    for (const [name, document] of server.hocuspocus.documents) {
      const state = documents.get(name);
      if (!state || document.isLoading) continue;
      const article = liveArticle(state.articleId);
      if (!article) {
        for (const connection of document.getConnections()) connection.close(COLLAB_CLOSE.gone);
        continue;
      }
      // The article moved: a field saved by someone's autosave, a workflow step, or a body stored
      // by another path or (with Redis) by a peer collaboration process (takeStoredBody).
      const moved = !state.storing && !state.merging && article.version !== state.version;
      if (moved) {
        state.version = article.version;
        // To this process's connections only: with Redis every process's poll tells its own.
        document.relayStateless(
          JSON.stringify({ type: 'version', version: article.version } satisfies CollabNotice),
        );
      }
      if (moved && article.bodyHash() !== state.bodyHash) takeStoredBody(name, document, state);
      const now = Date.now();
      for (const connection of document.getConnections()) {
        const context = connection.context as CollabContext | undefined;
        if (!context?.userId) continue;
        const expired = context.expiresAt !== null && context.expiresAt <= now;
        const access = expired
          ? 'none'
          : accessTo(context.userId, context.sessionVersion, state.articleId, article.row);
        if (access === 'none') {
          notify(connection, { type: 'closed', code: expired ? 'unauthenticated' : 'forbidden' });
          connection.close(expired ? COLLAB_CLOSE.unauthenticated : COLLAB_CLOSE.forbidden);
        } else if (access === 'view' && !connection.readOnly) {
          connection.readOnly = true;
          notify(connection, { type: 'readonly' });
        } else if (access === 'edit' && connection.readOnly) {
          connection.readOnly = false;
          notify(connection, { type: 'editable' });
        }
      }
    }
  }
  // The body stored now differs from the one this process last stored or loaded.
  function takeStoredBody(name: string, document: Document, state: DocumentState) {
    if (adoptPeerStore(state, document)) return;
    // Stored by another path. With several processes holding the document, exactly one of them
    // merges it (each merging would insert the changed blocks once per process); the others find
    // its merge kept with the body's hash and adopt it (takeOnce), and receive it through Redis.
    state.merging = true;
    whenWritable(() => {
      if (server.hocuspocus.documents.get(name) !== document) return;
      takeOnce(document, state);
    })
      .catch((error: unknown) => console.error('collaboration: merging a stored body failed', error))
      .finally(() => {
        state.merging = false;
      });
  }

  // A body stored by another path, merged into the shared document by one process only: the check
  // for a peer's merge (adoptPeerStore) and this process's merge and its kept state are one write
  // transaction, so a second process's check waits for the first's merge to be kept, and adopts it.
  // The database decides, so this holds while Redis is unreachable too.
  function takeOnce(document: Document, state: DocumentState): void {
    inWriteTransaction(() => adoptPeerStore(state, document) || mergeStoredBody(document, state));
  }

  // Stored by a peer collaboration process (Redis) from the shared document itself: its kept
  // Yjs state holds that body, so it is applied as Yjs (a no-op for what Redis already relayed)
  // and nothing is merged by block, which would rewrite typing done since. False otherwise.
  function adoptPeerStore(state: DocumentState, document: Document): boolean {
    const shared = redis ? storedFromSharedState(state.articleId) : undefined;
    if (!shared) return false;
    Y.applyUpdate(document, shared.state, { source: 'local', skipStoreHooks: true });
    state.storedBody = shared.body;
    state.bodyHash = shared.bodyHash;
    state.version = shared.version;
    return true;
  }

  // The body was stored by another path (an editor without a live connection, a restore from
  // the history): merged into the shared one by block, so typing not stored yet in other
  // blocks stays; where both changed a block, the stored one wins.
  function mergeStoredBody(document: Document, state: DocumentState): true {
    const loaded = loadBody(state.articleId);
    if (!loaded) return true;
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, loaded.state);
    const storedNow = bodyOf(fresh);
    const merged = mergeIntoLive(document, state.storedBody, storedNow, {
      source: 'local',
      skipStoreHooks: true,
    });
    fresh.destroy();
    state.storedBody = storedNow;
    state.bodyHash = loaded.bodyHash;
    state.version = loaded.version;
    // Typing kept by the merge is still to be stored (its debounced store is on its way).
    if (JSON.stringify(merged) === JSON.stringify(storedNow)) state.contributors.clear();
    keepState(state.articleId, document, loaded.bodyHash);
    broadcast(document, { type: 'replaced' });
    return true;
  }

  let poll: ReturnType<typeof setInterval> | undefined;

  return {
    server,
    documents,
    async start(): Promise<number> {
      await server.listen();
      poll = setInterval(() => {
        try {
          recheck();
        } catch (error) {
          console.error('collaboration: the permission check failed', error);
        }
      }, pollMs);
      poll.unref();
      return server.address.port;
    },
    // Stores what is pending, closes every connection, and stops listening.
    async stop(): Promise<void> {
      clearInterval(poll);
      await server.destroy();
    },
    recheck,
  };
}

// The Yjs update a sync message carries (a step 2 or an update), or null for any other message.
// Message layout (y-protocols, as Hocuspocus frames it): document name, message type (0 = sync,
// 4 = a sync reply), sync step (0 = step 1, 1 = step 2, 2 = update), then the update.
// Yjs itself only logs a malformed update and goes on, so it is decoded here first.
function documentChangeOf(message: Uint8Array): Uint8Array | null | 'malformed' {
  let update: Uint8Array;
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== 0 && type !== 4) return null;
    const step = decoding.readVarUint(decoder);
    if (step !== 1 && step !== 2) return null;
    update = decoding.readVarUint8Array(decoder);
  } catch {
    return 'malformed';
  }
  try {
    Y.decodeUpdate(update);
    return update;
  } catch {
    return 'malformed';
  }
}
