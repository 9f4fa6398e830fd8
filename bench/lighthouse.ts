// Issue 4, "Lighthouse": mobile Lighthouse (Debian's Chromium, simulated throttling) on the demo
// article page and, for comparison in the same run, on a baseline page of the same build (the
// search page without a query: layout, header and a form, no article); then axe-core on the article page, counted by impact.
import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { demoArticleUrl, fmt, startApp } from './lib';

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

const app = await startApp('reader', 3254, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS });
try {
  const article = await demoArticleUrl(app.url);
  await fetch(article); // fill the cache, as the first reader would
  const baseline = await audit(`${app.url}/search`, chrome.port);
  const page = await audit(article, chrome.port);
  for (const [name, r] of [
    ['baseline', baseline],
    ['article', page],
  ] as const) {
    console.log(
      `${name.padEnd(12)} performance ${r.performance}, accessibility ${r.accessibility}, seo ${r.seo}, LCP ${fmt(r.lcp / 1000, 2)} s, CLS ${fmt(r.cls, 3)}, TBT ${fmt(r.tbt, 0)} ms`,
    );
  }
  console.log('aim: performance >= 90, LCP <= 2.5 s, CLS <= 0.1');

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: FLAGS.filter((f) => f !== '--headless=new'),
  });
  const tab = await (await browser.newContext()).newPage();
  await tab.goto(article);
  const axe = await new AxeBuilder({ page: tab }).analyze();
  const byImpact = new Map<string, number>();
  for (const v of axe.violations)
    byImpact.set(v.impact ?? 'unknown', (byImpact.get(v.impact ?? 'unknown') ?? 0) + v.nodes.length);
  console.log(
    `axe-core on the article page: ${axe.violations.length} rules violated; by impact: ${JSON.stringify(Object.fromEntries(byImpact))}`,
  );
  for (const v of axe.violations) console.log(`  ${v.impact}: ${v.id} (${v.nodes.length})`);
  await browser.close();
} finally {
  await chrome.kill();
  app.stop();
}
