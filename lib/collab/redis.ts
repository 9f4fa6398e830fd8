import 'server-only';
import { SkipFurtherHooksError } from '@hocuspocus/common';
import { Redis } from '@hocuspocus/extension-redis';
import type { onStoreDocumentPayload } from '@hocuspocus/server';

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
    // Who typed in a document through any process since it was last stored: a Redis set per
    // document, so the process that stores next (whichever it is, even after the one that
    // took their typing was killed) names them on the revision and checks their permission.
    private contributorsKey(documentName: string) {
      return `newsroom:${documentName}:contributors`;
    }

    // Sent on the same connection as the update's publish, before it: a peer that receives the
    // update finds its author in the set.
    addContributor(documentName: string, userId: number) {
      this.pub.sadd(this.contributorsKey(documentName), String(userId)).catch(() => {});
    }

    async contributorsOf(documentName: string, local: readonly number[]): Promise<number[]> {
      try {
        const shared = await this.pub.smembers(this.contributorsKey(documentName));
        return [...new Set([...local, ...shared.map(Number).filter(Number.isInteger)])];
      } catch {
        return [...local];
      }
    }

    // Runs `work` while holding a Redis key of this process (SET NX with an expiry, so a process
    // that dies holding it delays the others by at most `holdMs`); after `waitMs` without it, or
    // with Redis unreachable, runs it anyway.
    async exclusive<T>(name: string, work: () => Promise<T>, holdMs = 10_000): Promise<T> {
      const key = `newsroom:${name}`;
      const token = `${this.configuration.identifier}:${Math.random()}`;
      const until = Date.now() + waitMs;
      let held = false;
      while (!held && Date.now() < until) {
        held = await this.pub
          .set(key, token, 'PX', holdMs, 'NX')
          .then(
            (answer) => answer === 'OK',
            () => null,
          )
          .then((answer) => answer ?? true);
        if (!held) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      try {
        return await work();
      } finally {
        if (held) {
          const owner = await this.pub.get(key).catch(() => null);
          if (owner === token) await this.pub.del(key).catch(() => {});
        }
      }
    }

    async forgetContributors(documentName: string, userIds: readonly number[]) {
      if (userIds.length === 0) return;
      await this.pub.srem(this.contributorsKey(documentName), ...userIds.map(String)).catch(() => {});
    }

    async onStoreDocument(payload: onStoreDocumentPayload) {
      if (!hasPending(payload.documentName)) {
        throw new SkipFurtherHooksError('nothing typed through this process to store');
      }
      const until = Date.now() + waitMs;
      for (;;) {
        try {
          return await super.onStoreDocument(payload);
        } catch (error) {
          if (!(error instanceof SkipFurtherHooksError)) {
            // Redis unreachable: this process stores anyway (below).
            console.error('collaboration: the Redis lock could not be taken; storing without it', error);
            return;
          }
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
    options: { username, password, db, maxRetriesPerRequest: 2 },
    prefix: 'newsroom',
    // Longer than the store's transaction may take while another process holds the SQLite lock.
    lockTimeout: 10_000,
  });
  // ioredis reconnects by itself; one line per outage instead of one per attempt.
  let down = false;
  for (const client of [redis.pub, redis.sub]) {
    client.on('error', (error: Error) => {
      if (down) return;
      down = true;
      console.error(`collaboration: Redis unreachable (${error.message}); going on alone until it is back`);
    });
    client.on('ready', () => {
      if (down) console.error('collaboration: Redis reachable again');
      down = false;
    });
  }
  return redis;
}
