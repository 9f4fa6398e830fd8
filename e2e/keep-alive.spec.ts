import http from 'node:http';
import { expect, test } from './fixtures';
import { E2E_PORT } from './server-env';

// A client or proxy that keeps connections open (Playwright's own request context, Varnish with
// its 60 s backend_idle_timeout) sends its next request on a connection it believes open. With
// Node's 5 s default the server closed idle ones first, and a request sent at that moment was cut
// off (ECONNRESET, seen in CI). The server now keeps them longer than its clients do
// (NEWSROOM_KEEPALIVE_SECONDS, 65 by default).

function get(agent: http.Agent, path: string): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: E2E_PORT, path, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
    });
    request.on('error', reject);
  });
}

test('a connection left idle for longer than 5 s is still open for the next request', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(agent, '/api/health');
    expect(first).toEqual({ status: 200, reused: false });
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    // Had the server closed it, the agent would have dropped the socket and opened a new one.
    expect(await get(agent, '/api/health')).toEqual({ status: 200, reused: true });
  } finally {
    agent.destroy();
  }
});
