// Issue 4, "Weight": the JavaScript (gzip) a reader's browser downloads for the article page,
// beside the framework's baseline page (the app's 404 page: root layout, no client code of ours)
// in the same build. Also checks that no editor code (TipTap/ProseMirror) ships to readers.
import { gzipSync } from 'node:zlib';
import { benchPort, demoArticleUrl, fmt, startApp } from './lib';

type Weight = { total: number; files: number; inline: number; editorCode: boolean };

async function scriptsOf(pageUrl: string): Promise<Weight> {
  const html = await (await fetch(pageUrl)).text();
  // Inline scripts count too (the article page's own script; Next's inline payload on its pages);
  // JSON-LD is data, not code.
  const inlineCode = [
    ...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g),
  ]
    .map((m) => m[1]!)
    .join('\n');
  const inline = inlineCode.length > 0 ? gzipSync(inlineCode, { level: 9 }).length : 0;
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) =>
    new URL(m[1]!, pageUrl).toString(),
  );
  let total = inline;
  let editorCode = /prosemirror|@tiptap|tiptap/i.test(inlineCode);
  for (const src of new Set(sources)) {
    const code = Buffer.from(await (await fetch(src)).arrayBuffer());
    total += gzipSync(code, { level: 9 }).length;
    if (/prosemirror|@tiptap|tiptap/i.test(code.toString('utf8'))) editorCode = true;
  }
  return { total, files: new Set(sources).size, inline, editorCode };
}

const app = await startApp('reader', benchPort(3252), { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
try {
  const baseline = await scriptsOf(`${app.url}/__baseline-404`);
  const article = await scriptsOf(await demoArticleUrl(app.url));
  const home = await scriptsOf(`${app.url}/`);
  const kb = (n: number) => `${fmt(n / 1024)} kB`;
  const line = (name: string, w: Weight) =>
    console.log(
      `${name.padEnd(20)} ${kb(w.total)} gzip: ${w.files} script files + ${kb(w.inline)} inline, editor code: ${w.editorCode ? 'YES' : 'none'}`,
    );
  line('baseline (404 page):', baseline);
  line('article page:', article);
  line('home page:', home);
  console.log(`ratio article/baseline: ${fmt(article.total / baseline.total, 3)}  (aim <= 1.15)`);
} finally {
  app.stop();
}
