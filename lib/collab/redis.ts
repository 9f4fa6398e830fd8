import 'server-only';
import { SkipFurtherHooksError } from '@hocuspocus/common';
import { Redis } from '@hocuspocus/extension-redis';
import {
  OutgoingMessage,
  type afterLoadDocumentPayload,
  type afterUnloadDocumentPayload,
  type beforeBroadcastStatelessPayload,
  type Document,
  type onAwarenessUpdatePayload,
  type onChangePayload,
  type onStoreDocumentPayload,
} from '@hocuspocus/server';

// Several collaboration processes (several machines, or several app processes on one machine),
// one shared document (docs/collaboration.md, «Several machines»): Hocuspocus's own Redis
// extension (@hocuspocus/extension-redis, the same major as @hocuspocus/server) publishes each
// document's updates, awareness and stateless notices to a Redis channel per document and applies
// the other processes'. Turned on by NEWSROOM_REDIS_URL (redis://[user:password@]host:port[/db]).
//
// Storing: the extension takes a Redis lock per document before the store hook and, when another
// process holds it, skips the store ("the data is safe on the other instance"). Here each process
// stores the typing of its own connections (their contributors are known only to it), so two
// adjustments:
// - a process with nothing of its own to store does not take the lock at all (every update
//   relayed from a peer triggers the store debounce there too, and would otherwise contend);
// - while a peer holds the lock, the store waits for it instead of being skipped, so the last
//   typing of this process's people is never left unstored; after `waitMs`, or with Redis
//   unreachable, it stores without the lock. That is safe: the store is one SQLite transaction
//   with the permission check inside, and a second store of the same body writes nothing (no
//   version, no revision), so the lock only saves redundant work.
//
// Redis unreachable (never started, killed, a network cut): each process goes on alone instead of
// waiting on Redis or failing. The extension as it comes would fail every document load (its
// reply channel was never subscribed, or the subscription fails), and a notice broadcast while
// Redis is down is a rejection nobody handles, which ends the server. So while Redis is not
// ready: documents load unshared, nothing is published, stores run without the lock; the stores
// still carry each process's typing to the others through the database (server.ts adoptPeerStore),
// and the two guards against doing a thing twice (seeding a document, merging a body stored by
// another path) are the database's, not Redis's (store.ts seedOnce, server.ts takeOnce). When Redis is back, every open document
// is subscribed again and announces its state (a SyncStep1): each peer answers with what this
// process lacks and asks for what it lacks in turn, so the documents are one again at once, without
// waiting for anyone to type.

export type RedisTarget = { host: string; port: number; username?: string; password?: string; db?: number };

// redis://[user:password@]host[:port][/db]
export function parseRedisUrl(url: string): RedisTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:')
    throw new Error(`NEWSROOM_REDIS_URL: redis://host:port expected, got ${url}`);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : undefined,
  };
}

export function newsroomRedis(url: string, hasPending: (documentName: string) => boolean, waitMs = 5000) {
  const { host, port, username, password, db } = parseRedisUrl(url);
  class NewsroomRedis extends Redis {
    // Set when the process stops: closing the connections then is no outage.
    stopping = false;

    async onDestroy() {
      this.stopping = true;
      clearInterval(this.heartbeat);
      return super.onDestroy();
    }

    // A Redis that stops answering looks connected (a network cut TCP has not noticed yet, a
    // stopped server), and every command would wait for it: loads, stores, publishes. A PING a
    // second: one not answered within a second closes both connections, so that the process goes
    // on alone at once; ioredis connects again, and is ready again only when Redis answers.
    private heartbeat?: ReturnType<typeof setInterval>;
    watch(announce: (error: Error) => void, everyMs = 1000) {
      this.heartbeat = setInterval(() => {
        if (!this.reachable()) return;
        let answered = false;
        this.pub.ping().then(
          () => (answered = true),
          () => undefined,
        );
        setTimeout(() => {
          if (answered || this.stopping || !this.reachable()) return;
          announce(new Error(`no answer within ${everyMs} ms`));
          this.pub.disconnect(true);
          this.sub.disconnect(true);
        }, everyMs).unref();
      }, everyMs);
      this.heartbeat.unref();
    }

    // Both connections up: publishing, subscribing and locking can be expected to answer.
    reachable(): boolean {
      return this.pub.status === 'ready' && this.sub.status === 'ready';
    }

    // The extension's own bookkeeping, private in its types: the documents it relays into, and the
    // subscription to this process's reply channel, which its loads wait for.
    private get internals() {
      return this as unknown as { documents: Map<string, Document>; replySubscription: Promise<void> };
    }

    async afterLoadDocument(payload: afterLoadDocumentPayload) {
      if (this.reachable()) {
        try {
          return await super.afterLoadDocument(payload);
        } catch {
          // Redis went away during the load: this document is loaded unshared (below).
        }
      }
      // Alone: incoming messages find it once Redis is back (rejoin subscribes its channel).
      this.internals.documents.set(payload.documentName, payload.document);
    }

    async afterUnloadDocument(payload: afterUnloadDocumentPayload) {
      if (this.reachable()) return super.afterUnloadDocument(payload);
      // Unsubscribing would only fail; Redis forgets the subscription with the connection.
      if (!payload.instance.documents.has(payload.documentName)) {
        this.internals.documents.delete(payload.documentName);
      }
    }

    async onChange(payload: onChangePayload) {
      // Nothing is queued while Redis is down: rejoin sends the whole difference at once.
      if (this.reachable()) return super.onChange(payload);
    }

    async onAwarenessUpdate(payload: onAwarenessUpdatePayload) {
      if (this.reachable()) return super.onAwarenessUpdate(payload);
    }

    async beforeBroadcastStateless(payload: beforeBroadcastStatelessPayload) {
      // Hocuspocus does not wait for this hook nor catch it: a failed publish must not escape.
      // This process's own connections get the notice anyway (Document.broadcastStateless).
      if (!this.reachable()) return 0;
      return super.beforeBroadcastStateless(payload).catch(() => 0);
    }

    // Redis back after an outage (or first reached after starting without it): the reply channel
    // and every open document's channel subscribed again, and each document's state announced so
    // that the processes exchange what they typed apart.
    async rejoin() {
      const instance = this.instance as typeof this.instance | undefined;
      const replyChannel = `${this.configuration.prefix}#reply:${this.configuration.identifier}`;
      const subscribed = this.sub.subscribe(replyChannel).then(() => undefined);
      this.internals.replySubscription = subscribed;
      subscribed.catch(() => {});
      if (!instance) return;
      for (const [name, document] of instance.documents) {
        this.internals.documents.set(name, document);
        try {
          await this.sub.subscribe(`${this.configuration.prefix}:${name}`);
          const syncStep1 = new OutgoingMessage(name).createSyncMessage().writeFirstSyncStepFor(document);
          const awareness = new OutgoingMessage(name).writeQueryAwareness();
          for (const message of [syncStep1, awareness]) {
            await this.pub.publish(
              `${this.configuration.prefix}:${name}`,
              Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]),
            );
          }
        } catch {
          return; // Down again: the next time it is back, all of this runs again.
        }
      }
    }

    // Who typed in a document through any process since it was last stored: a Redis set per
    // document, so the process that stores next (whichever it is, even after the one that
    // took their typing was killed) names them on the revision and checks their permission.
    private contributorsKey(documentName: string) {
      return `newsroom:${documentName}:contributors`;
    }

    // Sent on the same connection as the update's publish, before it: a peer that receives the
    // update finds its author in the set.
    addContributor(documentName: string, userId: number) {
      // While Redis is down each process stores its own people's typing itself.
      if (!this.reachable()) return;
      this.pub.sadd(this.contributorsKey(documentName), String(userId)).catch(() => {});
    }

    async contributorsOf(documentName: string, local: readonly number[]): Promise<number[]> {
      if (!this.reachable()) return [...local];
      try {
        const shared = await this.pub.smembers(this.contributorsKey(documentName));
        return [...new Set([...local, ...shared.map(Number).filter(Number.isInteger)])];
      } catch {
        return [...local];
      }
    }

    async forgetContributors(documentName: string, userIds: readonly number[]) {
      if (userIds.length === 0 || !this.reachable()) return;
      await this.pub.srem(this.contributorsKey(documentName), ...userIds.map(String)).catch(() => {});
    }

    async onStoreDocument(payload: onStoreDocumentPayload) {
      if (!hasPending(payload.documentName)) {
        throw new SkipFurtherHooksError('nothing typed through this process to store');
      }
      // Unreachable: no lock to wait for (the store is safe without it, above).
      if (!this.reachable()) return;
      const until = Date.now() + waitMs;
      for (;;) {
        try {
          return await super.onStoreDocument(payload);
        } catch (error) {
          // Redis gone while taking the lock: this process stores without it.
          if (!(error instanceof SkipFurtherHooksError) || !this.reachable()) return;
          // A peer is storing this document: its store is one short transaction, so wait for it
          // rather than skip (a skipped store of a document nobody here has open any more would
          // be unloaded with this process's typing unstored).
          if (Date.now() >= until) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  }
  const redis = new NewsroomRedis({
    host,
    port,
    // A command Redis does not answer within a second fails (the store then runs without the lock,
    // the load without sharing), instead of waiting for an answer that may never come.
    options: { username, password, db, maxRetriesPerRequest: 2, commandTimeout: 1000 },
    prefix: 'newsroom',
    // Longer than the store's transaction may take while another process holds the SQLite lock.
    lockTimeout: 10_000,
  });
  // ioredis reconnects by itself (and subscribes again to what it had subscribed); one line when
  // Redis goes, one when it is back, instead of one per attempt.
  // Started without Redis, `down` is set by the first failed attempt, and the first 'ready' rejoins
  // (the extension's own subscription to the reply channel failed then).
  let down = false;
  const announce = (error?: Error) => {
    if (error && !down) {
      down = true;
      console.error(`collaboration: Redis unreachable (${error.message}); going on alone until it is back`);
    }
  };
  for (const client of [redis.pub, redis.sub]) {
    client.on('error', announce);
    client.on('close', () => {
      if (!down && !redis.stopping) announce(new Error('connection lost'));
    });
    client.on('ready', () => {
      if (!redis.reachable() || !down) return;
      down = false;
      console.error('collaboration: Redis reachable again; sharing documents again');
      redis.rejoin().catch(() => {});
    });
  }
  redis.watch(announce);
  return redis;
}
