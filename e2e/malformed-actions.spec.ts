import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, REPORTER } from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';
import { waitFor } from '../bench/lib';
import { actionId, postAction, signIn } from '../bench/http';

// Malformed server-action requests get a 4xx with one Arabic line, and leave no stack trace in
// the server's log (lib/server/action-guard.mjs, called by server.mjs). The production server is
// a second one on the e2e build and database, started here so that its log can be read.

const PORT = E2E_PORT + 2;
const base = `http://127.0.0.1:${PORT}`;
let server: ChildProcess;
let log = '';

test.beforeAll(async () => {
  server = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: { ...process.env, ...e2eServerEnv, NEXTAUTH_URL: base },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitFor(`${base}/signin`);
});

test.afterAll(() => {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
});

test('malformed action requests are 4xx without stack traces; a good one still saves', async () => {
  const cookie = await signIn(base, REPORTER);
  const createId = await actionId(`${base}/newsroom/articles/new`, cookie, 'createDraftAction');
  const created = await postAction(`${base}/newsroom/articles/new`, createId, cookie, [{}]);
  const articleId = Number(/"id":(\d+)/.exec(created)?.[1]);
  expect(articleId).toBeGreaterThan(0);
  const page = `${base}/newsroom/articles/${articleId}`;
  const saveId = await actionId(page, cookie, 'saveArticleAction');
  const doc = JSON.stringify({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'نص' }] }],
  });
  const good = (headline: string) =>
    JSON.stringify([{ articleId, baseVersion: 1, changes: { headline, body: doc } }]);

  const send = (body: string, headers: Record<string, string> = {}, action = saveId) =>
    fetch(page, {
      method: 'POST',
      headers: {
        'Next-Action': action,
        Accept: 'text/x-component',
        'Content-Type': 'text/plain;charset=UTF-8',
        Origin: base,
        cookie,
        ...headers,
      },
      body,
    });

  const cases: [string, () => Promise<Response>, number][] = [
    ['unparsable Origin', () => send(good('x'), { Origin: 'http://[' }), 400],
    ['percent Origin', () => send(good('x'), { Origin: '%%%' }), 400],
    ['another site', () => send(good('x'), { Origin: 'http://evil.test' }), 403],
    ['raw $Q reference', () => send('["$Q1"]'), 400],
    ['raw $@ reference', () => send(JSON.stringify([{ articleId, headline: '$@1' }])), 400],
    [
      'raw $K in a field',
      () => send(JSON.stringify([{ articleId, baseVersion: 1, changes: { headline: '$K2', body: doc } }])),
      400,
    ],
    ['not JSON', () => send('{{{'), 400],
    ['deep nesting', () => send(`[${'['.repeat(10_000)}${']'.repeat(10_000)}]`), 400],
    ['10 MB headline', () => send(good('ع'.repeat(5_000_000))), 413],
    // X-Forwarded-Host is a client's word here (no NEWSROOM_TRUST_PROXY): it cannot vouch for an Origin.
    [
      'forged X-Forwarded-Host',
      () => send(good('x'), { Origin: 'http://evil.test', 'X-Forwarded-Host': 'evil.test' }),
      403,
    ],
    // A form posted from another site without JavaScript, and without an Origin: the browser's
    // Sec-Fetch-Site says where it came from.
    [
      'cross-site no-JS form without Origin',
      () => {
        const form = new FormData();
        form.set(`$ACTION_ID_${createId}`, '');
        return fetch(`${base}/newsroom/articles/new`, {
          method: 'POST',
          headers: { cookie, 'Sec-Fetch-Site': 'cross-site' },
          body: form,
        });
      },
      403,
    ],
    ['unknown action id', () => send(good('x'), {}, 'f'.repeat(42)), 409],
    [
      'broken multipart',
      () =>
        send('--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$Q1"]', {
          'Content-Type': 'multipart/form-data; boundary=x',
        }),
      400,
    ],
  ];
  for (const [name, request, status] of cases) {
    const response = await request();
    const text = await response.text();
    expect(response.status, name).toBe(status);
    expect(text, name).not.toMatch(/\n\s+at /);
    if (status !== 409) expect(text, name).toMatch(/[\u0600-\u06FF]/);
  }

  // A '$' a journalist typed travels escaped ('$$…', as React writes it) and is saved as typed.
  const saved = await postAction(page, saveId, cookie, [
    { articleId, baseVersion: 1, changes: { headline: '$Q1 ثمن السهم', body: doc } },
  ]);
  expect(saved).toContain('"ok":true');
  const reopened = await (await fetch(page, { headers: { cookie } })).text();
  expect(reopened).toContain('$Q1 ثمن السهم');

  expect(log).not.toMatch(/\n\s+at /);
  expect(log).not.toContain('⨯');
  expect(log).toContain('server action refused (400, unparsable origin)');
});
