// The rooms of the code and which rooms each may import (docs/architecture.md). Read by
// eslint.config.mjs (import/no-restricted-paths: a wrong import fails `npm run lint`) and by
// tests/unit/architecture.test.ts (no upward import, no circle, every product file in a room).
// A path is a folder (everything under it), a file, or a glob.
// Listed lowest first: a room may import only rooms listed before it, and only those in `uses`.

/** @type {{ name: string, what: string, paths: string[], uses: string[] }[]} */
export const ROOMS = [
  {
    name: 'shared',
    what: 'pure and browser-safe: Arabic helpers, addresses, labels, enums, permissions table, zod contracts',
    paths: ['lib/shared'],
    uses: [],
  },
  {
    name: 'document',
    what: 'the article document: the TipTap schema shared by the editor and the renderer, checks, paste',
    paths: ['lib/document'],
    uses: ['shared'],
  },
  {
    name: 'db',
    what: 'storage only: schema, connection, the one Tx and transaction(), write lock, backup, search index, counters, the reader cache generation',
    // db/counters.mjs is plain JavaScript: the beacon intake in lib/server/ loads it untranspiled.
    paths: ['db/*.ts', 'db/*.mjs'],
    uses: ['shared', 'document'],
  },
  {
    name: 'reader',
    what: 'what readers get: reader queries, pages, html, feeds, search, counters, the reader cache',
    paths: ['lib/reader'],
    uses: ['shared', 'document', 'db'],
  },
  {
    name: 'auth',
    what: 'who is signed in: next-auth, sessions, sign-in attempts and links, passwords, users',
    paths: ['lib/auth'],
    uses: ['shared', 'document', 'db'],
  },
  {
    name: 'newsroom',
    what: "the desk's rules: save and merge, workflow, history, notes, people, media, schedule",
    paths: ['lib/newsroom', 'lib/collab'],
    uses: ['shared', 'document', 'db', 'reader', 'auth'],
  },
  {
    name: 'demo',
    what: 'the demo newsroom the seed writes, through the newsroom code',
    paths: ['db/seed', 'lib/demo'],
    uses: ['shared', 'document', 'db', 'reader', 'auth', 'newsroom'],
  },
  {
    name: 'platform',
    what: 'the newsroom as a platform: API keys, the Content and Admin API, ninjs, OpenAPI, webhooks',
    paths: ['lib/platform'],
    uses: ['shared', 'document', 'db', 'reader', 'auth', 'newsroom'],
  },
  {
    name: 'http',
    what: 'the doors: server actions and API routes (session, origin, zod), security headers',
    paths: ['lib/http'],
    uses: ['shared', 'document', 'db', 'reader', 'auth', 'newsroom', 'platform'],
  },
  {
    name: 'editor',
    what: 'the browser side of writing: it knows the document and the contracts, never the server',
    paths: ['components/editor'],
    uses: ['shared', 'document'],
  },
  {
    name: 'app',
    what: 'routing only: pages, layouts, route handlers and server actions',
    paths: ['app'],
    uses: ['shared', 'document', 'db', 'reader', 'auth', 'newsroom', 'http', 'editor', 'platform'],
  },
  {
    name: 'process',
    what: 'the running process: server.mjs and its helpers, the proxy, instrumentation',
    paths: ['server.mjs', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'lib/server'],
    uses: ['shared', 'document', 'db', 'reader', 'auth', 'newsroom', 'http', 'app', 'platform'],
  },
];

const isGlob = (p) => p.includes('*');
const globRe = (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/** The room a repository-relative path is in, or undefined. */
export function roomOf(file) {
  return ROOMS.find((room) =>
    room.paths.some((p) => (isGlob(p) ? globRe(p).test(file) : file === p || file.startsWith(`${p}/`))),
  );
}

/** import/no-restricted-paths zones: for each room, every room it may not import. */
export function restrictedPathZones() {
  const zones = [];
  for (const room of ROOMS) {
    for (const other of ROOMS) {
      if (other === room || room.uses.includes(other.name)) continue;
      const message = `lib rooms: ${room.name} may import only ${room.uses.join(', ') || 'itself'} (docs/architecture.md)`;
      const globs = other.paths.filter(isGlob);
      const plain = other.paths.filter((p) => !isGlob(p));
      for (const from of [globs, plain]) {
        if (from.length > 0) zones.push({ target: room.paths, from, message });
      }
    }
  }
  return zones;
}
