import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { EditorPage } from './pages/editor';
import { e2eServerEnv } from './server-env';

// A production server of its own with writing together on, for the specs of writing together
// (e2e/collab*.spec.ts): the run's build and database, its own port and collaboration port, in
// the environment given (workers, Redis). It is ready when its sign-in page answers and its
// collaboration server (a thread of the supervising process, lib/server/collab.mjs) has said it
// is ready (lib/server/collab-main.ts).
export type LiveServer = {
  origin: string;
  server: ChildProcess;
  // Which collaboration thread is serving: another one after a crash and restart.
  collabThread: () => number | null;
  // Ends the collaboration thread at once, as a crash would (SIGUSR2 to the supervising process).
  crashCollab: () => void;
  stop: () => Promise<void>;
};

export async function startLiveServer(port: number, env: Record<string, string>): Promise<LiveServer> {
  const origin = `http://127.0.0.1:${port}`;
  let collabThread: number | null = null;
  const server = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...e2eServerEnv, NEXTAUTH_URL: origin, NEWSROOM_COLLAB: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout!.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/collaboration ready on \S+ \(process \d+, thread (\d+)/g))
      collabThread = Number(match[1]);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${origin}/signin`).then(
      (r) => r.ok,
      () => false,
    );
    if (up && collabThread !== null) break;
    if (Date.now() > deadline)
      throw new Error(`the server on ${port} and its collaboration server did not start`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    origin,
    server,
    collabThread: () => collabThread,
    crashCollab: () => {
      collabThread = null;
      server.kill('SIGUSR2');
    },
    stop: () =>
      new Promise((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) return resolve();
        server.once('exit', () => resolve()).kill('SIGTERM');
      }),
  };
}

// An article's stored body, as text or as its document's JSON, read from the run's database.
export function storedBody(articleId: number, column: 'body_text' | 'body_json' = 'body_text'): string {
  const db = new Database(e2eServerEnv.DATABASE_PATH, { readonly: true });
  try {
    return (
      db.prepare(`SELECT ${column} AS value FROM articles WHERE id = ?`).get(articleId) as { value: string }
    ).value;
  } finally {
    db.close();
  }
}

// An article opened on a live server (`origin`), once its body is editable.
export async function openLive(page: Page, origin: string, articleId: number): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await page.goto(`${origin}/newsroom/articles/${articleId}`);
  await editor.waitUntilEditable();
  return editor;
}
