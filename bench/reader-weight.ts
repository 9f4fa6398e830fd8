// Issue 4, "Weight": the JavaScript (gzip) a reader's browser downloads for the article page,
// beside the framework's baseline page (the app's 404 page: root layout, no client code of ours)
// in the same build. Also checks that no editor code (TipTap/ProseMirror) ships to readers.
import { gzipSync } from 'node:zlib';
import { demoArticleUrl, fmt, startApp } from './lib';

async function scriptsOf(pageUrl: string): Promise<{ total: number; files: number; editorCode: boolean }> {
  const html = await (await fetch(pageUrl)).text();
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) =>
    new URL(m[1]!, pageUrl).toString(),
  );
  let total = 0;
  let editorCode = false;
  for (const src of new Set(sources)) {
    const code = Buffer.from(await (await fetch(src)).arrayBuffer());
    total += gzipSync(code, { level: 9 }).length;
    if (/prosemirror|@tiptap|tiptap/i.test(code.toString('utf8'))) editorCode = true;
  }
  return { total, files: new Set(sources).size, editorCode };
}

const app = await startApp('reader', 3252, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
try {
  const baseline = await scriptsOf(`${app.url}/__baseline-404`);
  const article = await scriptsOf(await demoArticleUrl(app.url));
  const home = await scriptsOf(`${app.url}/`);
  const kb = (n: number) => `${fmt(n / 1024)} kB`;
  console.log(`baseline (404 page): ${kb(baseline.total)} gzip in ${baseline.files} scripts`);
  console.log(
    `article page:        ${kb(article.total)} gzip in ${article.files} scripts, editor code: ${article.editorCode ? 'YES' : 'none'}`,
  );
  console.log(
    `home page:           ${kb(home.total)} gzip in ${home.files} scripts, editor code: ${home.editorCode ? 'YES' : 'none'}`,
  );
  console.log(`ratio article/baseline: ${fmt(article.total / baseline.total, 3)}  (aim <= 1.15)`);
} finally {
  app.stop();
}
