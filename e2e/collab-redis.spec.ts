import { startRedis, type RedisProcess } from '../tests/integration/collab-redis-helpers';
import { EDITOR, EditorPage, expect, personPage, REPORTER, test } from './fixtures';
import { E2E_PORT } from './server-env';
import { openLive, startLiveServer, storedBody, type LiveServer } from './live-server';

// Writing together across two app processes (docs/deploying.md, «Layouts»: several instances on one
// box): two `node server.mjs` on two ports, on the run's build and SQLite file, each with its own
// collaboration server (a thread), sharing documents through Debian's redis-server
// (NEWSROOM_REDIS_URL). A journalist on each must write one body; ending one collaboration server
// at once must lose nothing.

// Ports no other spec uses (each spec's servers are its own).
const PORTS = [E2E_PORT + 70, E2E_PORT + 71];
const REDIS_PORT = E2E_PORT + 72;
const origin = (port: number) => `http://127.0.0.1:${port}`;
let redis: RedisProcess;
let apps: LiveServer[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Debian's redis-server, as the integration tests start it (once it accepts connections).
  redis = await startRedis(REDIS_PORT);
  apps = await Promise.all(
    PORTS.map((port) =>
      startLiveServer(port, {
        NEWSROOM_WORKERS: '1',
        NEWSROOM_REDIS_URL: redis.url,
      }),
    ),
  );
});

test.afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await redis?.stop();
});

test('one journalist on each app process: Arabic typing converges and the stored body is what both see', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const articleId = await new EditorPage(reporterPage).draft(
    'فيضانات في الجنوب',
    'ارتفع منسوب المياه في الوادي.',
    'وأغلقت السلطات الطرق.',
  );
  const reporter = await openLive(reporterPage, origin(PORTS[0]!), articleId);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, origin(PORTS[1]!), articleId);
  await expect(reporterPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');
  await expect(deskPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');

  await Promise.all([
    reporter.typeAtEndOf(1, ' وأجلت مئات الأسر.'),
    desk.typeAtEndOf(0, ' وتعطلت الكهرباء.'),
  ]);
  const expected = [
    'ارتفع منسوب المياه في الوادي. وتعطلت الكهرباء.',
    'وأغلقت السلطات الطرق. وأجلت مئات الأسر.',
  ].join('\n');
  await expect.poll(() => reporter.bodyText()).toBe(expected);
  await expect.poll(() => desk.bodyText()).toBe(expected);
  await expect(reporter.conflictHeading).toHaveCount(0);
  await expect(desk.conflictHeading).toHaveCount(0);

  // «تم الحفظ» on both, whichever process stored, and the stored body is what both see.
  await reporter.waitUntilSaved();
  await desk.waitUntilSaved();
  await expect.poll(() => storedBody(articleId), { timeout: 20_000 }).toBe(expected.replace('\n', '\n\n'));
  await reporterPage.context().close();
  await deskPage.context().close();
});

test('one app’s collaboration server ended before it stored: the other app’s stores the typing', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const articleId = await new EditorPage(reporterPage).draft(
    'حريق في مستودع بالميناء',
    'اندلع حريق في مستودع بالميناء.',
  );
  const reporter = await openLive(reporterPage, origin(PORTS[0]!), articleId);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, origin(PORTS[1]!), articleId);
  const expected = 'اندلع حريق في مستودع بالميناء. وهرعت فرق الإطفاء.';
  await reporter.typeAtEndOf(0, ' وهرعت فرق الإطفاء.');
  await expect.poll(() => desk.bodyText()).toBe(expected);
  const ended = apps[0]!.collabThread()!;
  // Most often within its 2 s debounce, before it stored (tests/integration/collab-redis.test.ts
  // makes sure of that case; here the browsers and app processes are the point).
  apps[0]!.crashCollab();
  await expect.poll(() => storedBody(articleId), { timeout: 20_000 }).toBe(expected);
  await desk.waitUntilSaved();
  // The first app's supervisor starts another collaboration process; its page reconnects.
  await expect
    .poll(() => apps[0]!.collabThread() !== null && apps[0]!.collabThread() !== ended, {
      timeout: 30_000,
    })
    .toBe(true);
  await expect.poll(() => reporter.bodyText()).toBe(expected);
  await reporterPage.context().close();
  await deskPage.context().close();
});

test('Redis killed while a journalist on each app types: both go on, nothing is lost, and they share live again once it is back', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const articleId = await new EditorPage(reporterPage).draft(
    'عاصفة رملية في الشمال',
    'هبّت عاصفة رملية على المدن الشمالية.',
    'وأغلق المطار.',
  );
  const reporter = await openLive(reporterPage, origin(PORTS[0]!), articleId);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, origin(PORTS[1]!), articleId);
  const collabs = apps.map((app) => app.collabThread());

  await redis.stop();
  await Promise.all([reporter.typeAtEndOf(0, ' وانعدمت الرؤية.'), desk.typeAtEndOf(1, ' وحُوّلت الرحلات.')]);
  // Each app's collaboration server stores its journalist's typing through the save door, and
  // each store reaches the other app's document through the database.
  const expected = ['هبّت عاصفة رملية على المدن الشمالية. وانعدمت الرؤية.', 'وأغلق المطار. وحُوّلت الرحلات.'];
  await expect.poll(() => storedBody(articleId), { timeout: 30_000 }).toBe(expected.join('\n\n'));
  await expect.poll(() => reporter.bodyText(), { timeout: 15_000 }).toBe(expected.join('\n'));
  await expect.poll(() => desk.bodyText(), { timeout: 15_000 }).toBe(expected.join('\n'));
  await reporter.waitUntilSaved();
  await desk.waitUntilSaved();
  await expect(reporter.conflictHeading).toHaveCount(0);
  await expect(desk.conflictHeading).toHaveCount(0);
  expect(
    apps.map((app) => app.collabThread()),
    'no collaboration server ended',
  ).toEqual(collabs);

  // Redis back: typing travels live again between the two apps, seen by the other journalist
  // before any store could carry it (the store waits 2 s after the typing). The apps reconnect by
  // themselves, within a few seconds: a word at a time until one arrives live.
  redis = await startRedis(REDIS_PORT);
  const words = [
    ' وعادت',
    ' الحركة',
    ' تدريجياً',
    ' إلى',
    ' الطرق',
    ' بعد',
    ' الظهر',
    ' وفق',
    ' المرور',
    ' المحلي',
  ];
  let arrivedLive = false;
  for (const word of words) {
    await reporter.typeAtEndOf(1, word);
    const seen = await expect
      .poll(() => desk.bodyText(), { timeout: 1500, intervals: [100] })
      .toContain(word)
      .then(
        () => true,
        () => false,
      );
    if (seen && !(await storedBody(articleId)).includes(word)) {
      arrivedLive = true;
      break;
    }
  }
  expect(arrivedLive, 'typing arrived live through Redis again').toBe(true);
  await reporter.waitUntilSaved();
  await desk.waitUntilSaved();
  await expect.poll(() => desk.bodyText()).toBe(await reporter.bodyText());
  await expect
    .poll(() => storedBody(articleId), { timeout: 20_000 })
    .toBe((await desk.bodyText()).replace('\n', '\n\n'));
  expect(apps.map((app) => app.collabThread())).toEqual(collabs);
  await reporterPage.context().close();
  await deskPage.context().close();
});
