import { spawn } from 'node:child_process';
import http from 'node:http';
import {
  expect,
  test,
  EDITOR,
  editorPage,
  newArticle,
  personPage,
  publishThroughDesk,
  unpublishConfirmed,
  waitUntilSaved,
} from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';
import { waitFor } from '../bench/lib';

// `npm start` with NEWSROOM_WORKERS=2 is two worker processes behind one port (node:cluster),
// each with its own Next cache and its own front copy of article pages. This starts exactly that,
// on the same build and database as the test server, and publishes and unpublishes through the
// test server: a third process. The workers can only learn of it through SQLite. Each worker
// names itself in a response header that server.mjs sends only when NEWSROOM_EXPOSE_WORKER=1
// (the code path is otherwise the one production runs), so the test knows it heard from both.
// Every check is made on the first requests after the action returned: no waiting at all, which
// is stricter than the "within 1 s".

const CLUSTER_PORT = E2E_PORT + 2;
const base = `http://127.0.0.1:${CLUSTER_PORT}`;

type Answer = { worker: string; status: number; body: string };

// One request on its own connection: node:cluster hands out connections, not requests, so a
// kept-alive connection would always reach the same worker.
function ask(path: string): Promise<Answer & { location?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            worker: String(response.headers['x-newsroom-worker'] ?? ''),
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            location: response.headers.location,
          }),
        );
      })
      .on('error', reject);
  });
}

// Enough requests that round-robin reaches every worker several times.
async function askEveryWorker(path: string, times = 12): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) answers.push(await ask(path));
  expect(new Set(answers.map((a) => a.worker)).size, `workers heard from on ${path}`).toBe(2);
  return answers;
}

test('a publish and an unpublish are seen by both workers on their next request', async ({ browser }) => {
  const cluster = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(CLUSTER_PORT)], {
    env: { ...process.env, ...e2eServerEnv, NEWSROOM_WORKERS: '2', NEWSROOM_EXPOSE_WORKER: '1' },
    detached: true,
    stdio: 'ignore',
  });
  try {
    await waitFor(`${base}/signin`);
    const stamp = Date.now().toString().slice(-6);
    const headline = `خبر يراه كل العمال ${stamp}`;
    const editor = await personPage(browser, EDITOR);
    const articleId = await newArticle(editor);
    await editorPage(editor).headline.fill(headline);
    await editorPage(editor).body.click();
    await editor.keyboard.type('نص قصير يُنشر فيراه كل عامل من عمال الخادم.');
    await waitUntilSaved(editor);

    // Both workers cache the home page (and learn the article's address is unknown) before.
    for (const answer of await askEveryWorker('/')) expect(answer.body).not.toContain(headline);
    const short = await askEveryWorker(`/news/${articleId}`);
    for (const answer of short) expect(answer.status).toBe(404);

    await publishThroughDesk(editor);
    const home = await askEveryWorker('/');
    for (const answer of home) expect(answer.body, `worker ${answer.worker}`).toContain(headline);
    const redirect = await askEveryWorker(`/news/${articleId}`);
    const articlePath = new URL((await ask(`/news/${articleId}`)).location!, base).pathname;
    for (const answer of redirect) expect(answer.status).toBe(308);
    // Read twice per worker and more: the second read of each comes from server.mjs's front copy.
    for (const answer of await askEveryWorker(articlePath)) {
      expect(answer.status, `worker ${answer.worker}`).toBe(200);
      expect(answer.body).toContain(headline);
    }

    await unpublishConfirmed(editor);
    for (const answer of await askEveryWorker(articlePath))
      expect(answer.status, `worker ${answer.worker}`).toBe(404);
    for (const answer of await askEveryWorker('/'))
      expect(answer.body, `worker ${answer.worker}`).not.toContain(headline);
  } finally {
    process.kill(-cluster.pid!, 'SIGTERM');
  }
});
