// Issue 8, point 4: how deep a body may nest. Measures the deepest nested list that the server
// (schema check, static renderer) and the editor (TipTap with the newsroom's extensions, in
// Debian's Chromium) survive, beside the limit the server enforces (MAX_BODY_DEPTH), in one run.
// Run: npx tsx --conditions=react-server bench/nesting-depth.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { JSONContent } from '@tiptap/core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { benchPort } from './lib';
import { checkArticleDocument, MAX_BODY_DEPTH, MAX_NESTED_LISTS } from '@/lib/document/check';
import { renderArticleHtml } from '@/lib/document/render';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = benchPort(3319);

// `levels` lists inside one another; the innermost text is at node depth 2 × levels + 2.
function nestedList(levels: number): JSONContent {
  let inner: JSONContent = { type: 'paragraph', content: [{ type: 'text', text: 'أعمق بند' }] };
  for (let i = 0; i < levels; i++) {
    inner = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: i === 0 ? [inner] : [para(), inner] }],
    };
  }
  return { type: 'doc', content: [inner] };
}
const para = (): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text: 'بند' }] });

// The deepest level in [1, max] for which `survives` holds, assuming it fails from some level on.
async function deepest(
  survives: (levels: number) => Promise<boolean> | boolean,
  max = 20_000,
): Promise<number> {
  let good = 0;
  let bad = max + 1;
  for (let probe = 16; probe <= max; probe *= 2) {
    if (await survives(probe)) good = probe;
    else {
      bad = probe;
      break;
    }
  }
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (await survives(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

const serverCheck = await deepest((levels) => {
  try {
    return checkArticleDocument(nestedList(levels), { maxDepth: Infinity }).ok;
  } catch {
    return false;
  }
});
const renderer = await deepest((levels) => {
  try {
    return renderArticleHtml(nestedList(levels)).includes('أعمق بند');
  } catch {
    return false;
  }
});

const outDir = path.join(ROOT, 'tmp', 'bench-nesting');
mkdirSync(outDir, { recursive: true });
const built = spawnSync(
  path.join(ROOT, 'node_modules/.bin/esbuild'),
  [
    'bench/nesting/nesting-editor.ts',
    '--bundle',
    '--minify',
    '--format=iife',
    `--outfile=${outDir}/editor.js`,
  ],
  { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (built.status !== 0) throw new Error('esbuild failed');
const bundle = readFileSync(path.join(outDir, 'editor.js'));
const server = http.createServer((request, response) => {
  if (request.url === '/editor.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    return;
  }
  response
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end('<!doctype html><html lang="ar" dir="rtl"><body><script src="/editor.js"></script></body></html>');
});
await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
console.log(`deepest nested list the schema check survives:    ${serverCheck} levels`);
console.log(`deepest nested list the static renderer survives: ${renderer} levels`);
try {
  let firstError = '';
  const editor = await deepest(async (levels) => {
    // A fresh browser each time: a document too deep can take the whole browser down.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    // A page that has not opened the document in 20 s counts as not surviving it (hung).
    const outcome = await Promise.race([
      page
        .evaluate(
          (doc) => (window as unknown as { openNested: (d: unknown) => string }).openNested(doc),
          nestedList(levels),
        )
        .catch((error: unknown) => `page crashed: ${String(error).split('\n')[0]}`),
      new Promise<string>((resolve) => setTimeout(() => resolve('hung for 20 s'), 20_000)),
    ]);
    await browser.close().catch(() => undefined);
    if (outcome !== 'ok' && !firstError) firstError = `${levels} levels: ${outcome}`;
    return outcome === 'ok';
  }, 4_000);
  const limitLevels = MAX_NESTED_LISTS;
  const weakest = Math.min(serverCheck, renderer, editor);
  console.log(
    `deepest nested list the editor (Chromium) opens:  ${editor} levels${firstError ? ` (then ${firstError})` : ''}`,
  );
  console.log(
    `limit enforced on save: node depth ${MAX_BODY_DEPTH} = ${limitLevels} nested lists; margin: weakest / limit = ${(weakest / limitLevels).toFixed(1)}×`,
  );
} finally {
  server.close();
}
