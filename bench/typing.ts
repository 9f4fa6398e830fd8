// Keystroke-to-screen latency in the article editor, for the typing benchmarks
// (bench/editor-typing.ts, bench/proofreading.ts): the caret put at the end of the article's middle
// paragraph (where most editing happens), then `chars` characters of `text` typed 40 ms apart; for
// every input event, the time until the editor showed it and a frame went by.
import type { Page } from '@playwright/test';

// A string, so that the bundler's helpers (tsx adds __name) never reach the page.
const PROBE = `(() => {
  const root = document.querySelector('[role="textbox"][aria-label="نص المقال"]');
  const samples = [];
  window.latencies = samples;
  let pending = null;
  let frameDone = null;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => frameDone && frameDone();
  root.addEventListener('beforeinput', (event) => { pending = event.timeStamp; }, { capture: true });
  new MutationObserver(() => {
    if (pending === null) return;
    const start = pending;
    pending = null;
    requestAnimationFrame(() => {
      frameDone = () => samples.push(performance.now() - start);
      channel.port2.postMessage(null);
    });
  }).observe(root, { childList: true, characterData: true, subtree: true });
})()`;

export async function typeInMiddleAndMeasure(
  page: Page,
  text: string,
  chars: number,
  settleMs = 300,
): Promise<number[]> {
  await page.getByRole('textbox', { name: 'نص المقال' }).click();
  await page.evaluate(() => {
    const root = document.querySelector('[role="textbox"][aria-label="نص المقال"]')!;
    const middle = root.children[Math.floor(root.children.length / 2)]!;
    const range = document.createRange();
    range.selectNodeContents(middle);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await page.evaluate(PROBE);
  let typed = '';
  while (typed.length < chars) typed += text;
  await page.keyboard.type(typed.slice(0, chars), { delay: 40 });
  await page.waitForTimeout(settleMs);
  return page.evaluate(() => (window as unknown as { latencies: number[] }).latencies);
}
