// The collaboration server as one plain JavaScript file, made at build time (`npm run build`, after
// `next build`, which empties the build folder): <distDir>/newsroom/collab-main.mjs, from
// lib/server/collab-main.ts and what it imports. lib/server/collab.mjs runs it in a worker thread
// of the supervising process.
//
// Why (bench/README.md, "Memory"): run through tsx, the collaboration process carried tsx's loader,
// its esbuild service process and the transpiled modules: 153 MB resident idle (137 + 16); bundled
// and run by plain node, 106 MB; as a thread beside Next, 46 MB more than the process without it.
// The react-server condition is resolved here, at build time ('server-only' and the like), so
// the thread needs no node flag. The native modules stay outside the bundle, loaded from
// node_modules as the app loads them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import nextConfig from '../next.config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.resolve(root, nextConfig.distDir ?? '.next', 'newsroom', 'collab-main.mjs');

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: ['lib/server/collab-main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  conditions: ['react-server'],
  external: ['better-sqlite3', '@node-rs/argon2'],
  // Bundled CommonJS packages (ioredis…) still call require for Node's own modules.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'none',
});
console.log(
  `collaboration server bundled into ${path.relative(root, outfile)} in ${Date.now() - started} ms`,
);
