// A closed-loop HTTP load generator: `concurrency` keep-alive connections each sending the next
// request as soon as the last answered, for `seconds`. Prints one JSON line. Run as its own
// process so it never shares an event loop with the server it measures.
import http from 'node:http';

const [url, secondsArg = '8', concurrencyArg = '16', header = ''] = process.argv.slice(2);
if (!url) throw new Error('usage: load-generator.ts URL [seconds] [concurrency] ["Name: value" header]');
const headerAt = header.indexOf(':');
const headers = headerAt > 0 ? { [header.slice(0, headerAt).trim()]: header.slice(headerAt + 1).trim() } : {};
const seconds = Number(secondsArg);
const concurrency = Number(concurrencyArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);

let ok = 0;
let failed = 0;
let bytes = 0;
const deadline = Date.now() + seconds * 1000;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const request = http.get(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers,
      },
      (response) => {
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => {
          if (response.statusCode === 200) ok++;
          else if (failed++ === 0)
            console.error(`first non-200: ${response.statusCode} ${response.headers.location ?? ''}`);
          resolve();
        });
      },
    );
    request.on('error', () => {
      failed++;
      resolve();
    });
  });
}

async function worker(): Promise<void> {
  while (Date.now() < deadline) await once();
}

const started = Date.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (Date.now() - started) / 1000;
console.log(JSON.stringify({ ok, failed, rps: ok / elapsed, bytesPerResponse: ok ? bytes / ok : 0 }));
agent.destroy();
