// Issue 4, "Lighthouse": mobile Lighthouse (Debian's Chromium, simulated throttling) on the demo
// article page and, for comparison in the same run, on a baseline page of the same build (the
// search page without a query: layout, header and a form, no article); issue 10: the front page
// with its pictures and an article with a 1600 px photo in its body (bench/seed-front-page.ts);
// then axe-core on the article pages and the front page, counted by impact.
import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { benchPort, demoArticleUrl, fmt, startApp } from './lib';

const FLAGS = ['--headless=new', ...CHROMIUM_ARGS];

async function audit(url: string, port: number) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'seo'],
  });
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { categories, audits } = result.lhr;
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    seo: Math.round((categories.seo?.score ?? 0) * 100),
    lcp: audits['largest-contentful-paint']?.numericValue ?? NaN,
    cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
    tbt: audits['total-blocking-time']?.numericValue ?? NaN,
  };
}

const app = await startApp('reader', benchPort(3254), {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
  seed: ['bench/seed-front-page.ts'],
});
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS });
try {
  const article = await demoArticleUrl(app.url);
  const front = `${app.url}/`;
  const href = /href="(\/news\/\d+\/[^"]+)"[^>]*>صور من طشقند/.exec(await (await fetch(front)).text())?.[1];
  if (!href) throw new Error('the seeded article with a body image is not on the front page');
  const pictured = `${app.url}${href}`;
  // Fill server.mjs's copy, as the first reader would.
  for (const url of [article, front, pictured]) await fetch(url);
  const baseline = await audit(`${app.url}/search`, chrome.port);
  const page = await audit(article, chrome.port);
  const frontPage = await audit(front, chrome.port);
  const picturePage = await audit(pictured, chrome.port);
  for (const [name, r] of [
    ['baseline', baseline],
    ['article', page],
    ['front page', frontPage],
    ['body image', picturePage],
  ] as const) {
    console.log(
      `${name.padEnd(12)} performance ${r.performance}, accessibility ${r.accessibility}, seo ${r.seo}, LCP ${fmt(r.lcp / 1000, 2)} s, CLS ${fmt(r.cls, 3)}, TBT ${fmt(r.tbt, 0)} ms`,
    );
  }
  console.log('aim: performance >= 95, CLS <= 0.02, accessibility 100 (front page, body image)');

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: FLAGS.filter((f) => f !== '--headless=new'),
  });
  const tab = await (await browser.newContext()).newPage();
  for (const [name, url] of [
    ['the article page', article],
    ['the front page', front],
    ['the article with a body image', pictured],
  ]) {
    await tab.goto(url!);
    const axe = await new AxeBuilder({ page: tab }).analyze();
    const byImpact = new Map<string, number>();
    for (const v of axe.violations)
      byImpact.set(v.impact ?? 'unknown', (byImpact.get(v.impact ?? 'unknown') ?? 0) + v.nodes.length);
    console.log(
      `axe-core on ${name}: ${axe.violations.length} rules violated; by impact: ${JSON.stringify(Object.fromEntries(byImpact))}`,
    );
    for (const v of axe.violations) console.log(`  ${v.impact}: ${v.id} (${v.nodes.length})`);
  }
  await browser.close();
} finally {
  await chrome.kill();
  app.stop();
}
