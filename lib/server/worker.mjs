// One worker process: Next behind the request guard, the front copy and the readers' line. Every
// request is first placed in the route kinds table (lib/http/route-kinds.mjs) by its normalised
// path and method; that row says its body limit, its line, and whether the front copy may keep it.
import { readFileSync } from 'node:fs';
import cluster from 'node:cluster';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import nextConfig from '../../next.config.js';
import { collabUpgrades, superviseCollaboration } from './collab.mjs';
import { routeOf } from '../http/route-kinds.mjs';
import { beaconIntake } from './beacons.mjs';
import { readerGeneration } from './cache-sync.mjs';
import { boundedInteger, flag, publicAuthUrl } from './config.mjs';
import { frontCopy } from './front-copy.mjs';
import { readerLine } from './reader-line.mjs';
import { requestGuard } from './request-guard.mjs';
import { flushCompileCache } from './runtime.mjs';

/** @param {string} flagName @param {string} fallback */
function option(flagName, fallback) {
  const at = process.argv.indexOf(flagName);
  return at > 0 && process.argv[at + 1] ? /** @type {string} */ (process.argv[at + 1]) : fallback;
}

// The build's server-action ids (an unknown one is refused without Next's stack trace).
function knownActionIds() {
  const file = path.join(nextConfig.distDir ?? '.next', 'server', 'server-reference-manifest.json');
  try {
    return new Set(Object.keys(JSON.parse(readFileSync(file, 'utf8')).node ?? {}));
  } catch {
    return null;
  }
}

export async function startWorker() {
  const hostname = option('-H', process.env.HOST || '127.0.0.1');
  const port = Number(option('-p', process.env.PORT || '3000'));
  // The address this server is reached at on this machine (a wildcard address is not one).
  const self =
    hostname === '0.0.0.0'
      ? '127.0.0.1'
      : hostname === '::'
        ? '[::1]'
        : hostname.includes(':')
          ? `[${hostname}]`
          : hostname;

  // next-auth's links and redirects: NEXTAUTH_URL, else NEWSROOM_SITE_URL, else (listening on this
  // machine only) the address served here (lib/server/config.mjs). Set before Next and the app load.
  const authUrl = publicAuthUrl(process.env, { hostname, self, port });
  if (!authUrl.ok) {
    console.error(authUrl.message);
    process.exit(1);
  }
  process.env.NEXTAUTH_URL = authUrl.url;
  const { default: next } = await import('next');

  // The server-action body limit Next enforces (next.config.js), enforced before Next reads it.
  const parseBytes = createRequire(import.meta.url)('next/dist/compiled/bytes');
  const trustProxy = process.env.NEWSROOM_TRUST_PROXY === '1';
  const guard = requestGuard({
    trustProxy,
    action: {
      bodyLimit: parseBytes.parse(nextConfig.experimental?.serverActions?.bodySizeLimit ?? '1mb'),
      knownActions: knownActionIds(),
      trustProxy,
    },
  });
  const siteUrl = process.env.NEWSROOM_SITE_URL || process.env.NEXTAUTH_URL || '';
  const takeBeacon = beaconIntake({ trustProxy, https: siteUrl.startsWith('https:') });
  const generation = readerGeneration();
  const copy = flag('NEWSROOM_FRONT_COPY', true)
    ? frontCopy({ ttlMs: 60_000, maxBytes: 64 * 1024 * 1024, generation })
    : null;
  const admitReader = readerLine({
    slots: boundedInteger('NEWSROOM_READER_SLOTS', 4, 1, 4096),
    queue: boundedInteger('NEWSROOM_READER_QUEUE', 2000, 0, 1_000_000),
  });
  // Which worker answered, for the test that checks every worker sees a publish
  // (e2e/workers.spec.ts); never sent unless that test asks for it.
  const worker = process.env.NEWSROOM_EXPOSE_WORKER === '1' ? String(process.pid) : null;

  // One process (NEWSROOM_WORKERS=1) supervises the collaboration process itself.
  if (cluster.isPrimary) superviseCollaboration();
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  flushCompileCache();
  let firstPage = true;

  // How long an idle kept-alive connection stays open. Node's 5 s default is shorter than what
  // clients and proxies keep on their side (Varnish's backend_idle_timeout is 60 s): a request
  // sent on a connection the server is closing at that moment is cut off (ECONNRESET, a 503 in
  // Varnish). Longer than theirs, the closing is always theirs.
  const keepAliveMs = boundedInteger('NEWSROOM_KEEPALIVE_SECONDS', 65, 1, 3600) * 1000;
  const server = http
    .createServer(async (incoming, res) => {
      const url = incoming.url ?? '/';
      const query = url.indexOf('?');
      const pathname = query < 0 ? url : url.slice(0, query);
      const route = routeOf(incoming.method, pathname, incoming.headers);
      const req = await guard(incoming, res, route);
      if (!req) return;
      // Before every request: has anything been published since this worker last looked? (Only
      // the front copy needs to know.)
      let started = 0;
      try {
        if (copy) started = copy.sync();
      } catch (error) {
        console.error(error);
        res.statusCode = 503;
        return res.end();
      }
      if (worker) res.setHeader('x-newsroom-worker', worker);
      if (firstPage) {
        firstPage = false;
        res.once('finish', flushCompileCache);
      }
      // View and share beacons never enter Next (lib/server/beacons.mjs); x-front-copy-bypass, which
      // takes a request past the front copy, takes a beacon to Next's own route too (the benchmark
      // compares the two).
      if (
        route.kind === 'api-beacon' &&
        req.headers['x-front-copy-bypass'] === undefined &&
        takeBeacon(req, res, route.pathname)
      )
        return;
      let refresh = false;
      const key = copy ? copy.keyOf(req, route, pathname, query < 0 ? '' : url.slice(query)) : null;
      if (copy && key) {
        const found = copy.answer(req, res, key);
        if (found === 'served') return;
        refresh = found === 'refresh';
        copy.tee(req, res, key, started);
      }
      const enter = () =>
        handle(req, res).catch((error) => {
          console.error(error);
          if (res.headersSent) res.destroy();
          else {
            res.statusCode = 500;
            res.end();
          }
        });
      // A reader renewing an expired copy does not wait: the others are served the old copy
      // meanwhile, so this one request in a minute per page is all that reaches Next for it.
      if (route.line === 'newsroom' || refresh) enter();
      else admitReader(res, enter);
    })
    // WebSocket upgrades on /collab go to the collaboration process (lib/server/collab.mjs). A
    // 'listening' hook, not a plain 'upgrade' listener: Next attaches its own at its first request
    // and ends /collab sockets.
    .once('listening', collabUpgrades({ trustProxy }))
    .listen(port, hostname, () => {
      console.log(`newsroom ready on http://${hostname}:${port} (process ${process.pid})`);
    });
  server.keepAliveTimeout = keepAliveMs;
}
