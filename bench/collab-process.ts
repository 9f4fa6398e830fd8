// Writing together, the collaboration server on its own (issue 17's memory and CPU figures): run
// as server.mjs runs it, the build's bundle (scripts/build-collab.mjs, made here first) in a
// worker thread of a process running the supervisor's own code (lib/server/collab.mjs
// superviseCollaboration, with its thread's resource limits and the supervisor's allocator
// settings) but no Next (bench/load.ts measures the whole server), against a bare Hocuspocus
// process (bench/bare/hocuspocus.ts) in the same run, both measured from outside through /proc
// (resident memory; user+system CPU time), with the people as Node clients in this process (their
// own CPU is not counted). Each figure counts its process's own Node (a few tens of MB idle).
// - memory: idle, one open 5,000-word document, 100 open documents (one person each);
// - CPU: 30 people in one 5,000-word article each typing 5 characters a second for 20 s.
// Run: npx tsx --conditions=react-server bench/collab-process.ts
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '../tests/integration/collab-helpers';
import { allocatorEnv } from '../lib/server/supervisor.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, 'tmp', 'bench-collab-process');
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
process.env.DATABASE_PATH = path.join(DIR, 'newsroom.db');

const { migrateDatabase, openDatabase } = await import('@/db/connection');
const setup = openDatabase();
migrateDatabase(setup);
setup.$client.close();

const { createDraft } = await import('@/lib/newsroom/articles');
const { saveArticle } = await import('@/lib/newsroom/save');
const { createUser } = await import('@/lib/auth/users');
const { checkArticleDocument, paragraphsToDocument } = await import('@/lib/document/check');
const { parseArticleSave } = await import('@/lib/newsroom/save-request');
const { connect, sessionCookie, typeInto, until } = await import('../tests/integration/collab-helpers');

const TYPING_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const TYPISTS = Number(process.env.BENCH_TYPISTS ?? 30);
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100);

const editor = await createUser({
  email: 'bench@collab.example',
  name: 'محرر',
  role: 'editor',
  password: 'long-enough-password',
});
const cookie = await sessionCookie(editor);
const words = (n: number) => Array.from({ length: n }, (_, i) => `كلمة${i % 97}`).join(' ');
const LONG = Array.from({ length: 100 }, () => words(50));
function article(): number {
  const draft = createDraft(editor);
  const checked = checkArticleDocument(paragraphsToDocument(LONG));
  if (!checked.ok) throw new Error(checked.reason);
  saveArticle(
    editor,
    parseArticleSave({
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { body: JSON.stringify(checked.json) },
    }),
  );
  return draft.id;
}

// The bundle goes into a build folder of this benchmark's own (NEXT_DIST_DIR, as the e2e builds).
const BUILD_ENV = { ...process.env, NEXT_DIST_DIR: path.relative(ROOT, path.join(DIR, 'build')) };
execFileSync(process.execPath, ['scripts/build-collab.mjs'], { cwd: ROOT, env: BUILD_ENV, stdio: 'inherit' });

type Started = { child: ChildProcess; port: number };

// The supervising process's part in writing together, and nothing else: it starts the thread,
// which says on stdout which port it took (lib/server/collab-main.ts).
async function startThread(): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['-e', "import('./lib/server/collab.mjs').then((m) => m.superviseCollaboration());"],
    { cwd: ROOT, env: { ...allocatorEnv(), ...BUILD_ENV }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let said = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const ready = /collaboration ready on 127\.0\.0\.1:(\d+)/.exec(said);
      if (ready) resolve(Number(ready[1]));
    });
    child.on('exit', (code) => reject(new Error(`the collaboration thread's process exited (${code})`)));
  });
  return { child, port };
}

async function startBare(): Promise<Started> {
  const script = 'bench/bare/hocuspocus.ts';
  const child = fork(path.join(ROOT, script), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--conditions=react-server'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.on(
      'message',
      (m: { newsroomCollabPort?: number }) => m.newsroomCollabPort && resolve(m.newsroomCollabPort),
    );
    child.on('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return { child, port };
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
// user + system CPU seconds of a process (clock ticks of 1/100 s on Linux).
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

async function run(name: string, start: () => Promise<Started>) {
  const { child, port } = await start();
  const pid = child.pid!;
  await settle();
  const idle = rssMb(pid);
  const one = await connect(port, article(), cookie);
  await until(() => one.provider.isSynced, 30_000, 'one document');
  await settle();
  const withOne = rssMb(pid);
  const open: Client[] = [one];
  for (let i = 1; i < DOCUMENTS; i++) open.push(await connect(port, article(), cookie));
  await until(() => open.every((c) => c.provider.isSynced), 120_000, `${DOCUMENTS} documents`);
  await settle();
  const withMany = rssMb(pid);
  for (const client of open) client.destroy();

  // 30 people in one article, each typing 5 characters a second in their own paragraph.
  const shared = article();
  const people: Client[] = [];
  for (let i = 0; i < TYPISTS; i++) people.push(await connect(port, shared, cookie));
  await until(() => people.every((c) => c.provider.isSynced), 60_000, 'typists synced');
  await settle();
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  const typedBy = people.map(() => 0);
  const timers = people.map((person, i) =>
    setInterval(() => {
      typeInto(person.doc, i % LONG.length, 'ب');
      typedBy[i]!++;
    }, 200),
  );
  await new Promise((resolve) => setTimeout(resolve, TYPING_SECONDS * 1000));
  for (const timer of timers) clearInterval(timer);
  const wall = (performance.now() - started) / 1000;
  const cpu = ((cpuSeconds(pid) - cpuBefore) / wall) * 100;
  const rssTyping = rssMb(pid);
  // Everything typed reached everyone (what was measured was really relayed).
  const lengthOf = (c: Client, i: number) =>
    (c.doc.getXmlFragment('default').get(i) as unknown as { get(n: number): { length: number } }).get(0)
      .length;
  await until(
    () => people.every((c) => people.every((_, i) => lengthOf(c, i) >= LONG[i]!.length + typedBy[i]!)),
    60_000,
    'every keystroke relayed to everyone',
  );
  for (const person of people) person.destroy();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const keystrokes = typedBy.reduce((a, b) => a + b, 0);
  return { name, idle, withOne, withMany, cpu, rssTyping, keystrokes };
}

const ours = await run('newsroom collaboration thread (its process)', startThread);
const bare = await run('bare Hocuspocus process', startBare);
const f = (n: number) => n.toFixed(1);
console.log(
  `collaboration server, 5,000-word documents; ${TYPISTS} people typing 5 characters/s each for ${TYPING_SECONDS} s`,
);
console.log(
  'process | keystrokes relayed to all | RSS idle MB | +1 document MB | per document over 100 MB | 100 documents MB | CPU % of one core while typing | RSS while typing MB',
);
for (const r of [ours, bare]) {
  console.log(
    `${r.name} | ${r.keystrokes} | ${f(r.idle)} | ${f(r.withOne - r.idle)} | ${f((r.withMany - r.idle) / DOCUMENTS)} | ${f(r.withMany)} | ${f(r.cpu)} | ${f(r.rssTyping)}`,
  );
}
console.log(
  `ratio ours/bare: 100 documents (over idle) ${f((ours.withMany - ours.idle) / (bare.withMany - bare.idle))}×, CPU ${f(ours.cpu / bare.cpu)}×`,
);
process.exit(0);
