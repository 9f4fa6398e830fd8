import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProofChecker } from '@/components/editor/proofreading/checker';

// The editor's checker against a fake server: the house style adopted by version, unknown words
// asked in one background batch (never twice), the newsroom dictionary and تجاهل applied.

function fakeServer() {
  const asked: string[][] = [];
  let version = 3;
  const words = ['كرزاي'];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.startsWith('/api/proofreading?known=')) {
      const known = Number(url.split('=')[1]);
      if (known === version) return Response.json({ version, unchanged: true });
      return Response.json({
        version,
        rules: [{ id: 1, kind: 'preferred', preferred: 'ميرضيائيف', variants: ['ميرزيوييف'] }],
        words,
        settings: { digits: 'latn', arabicPunctuation: true },
      });
    }
    if (url === '/api/proofreading/spell') {
      const body = JSON.parse(String(init?.body)) as { words: string[] };
      asked.push(body.words);
      return Response.json({
        ok: true,
        unknown: body.words.filter((w) => /الرءيس|كرزاي|بختيار|ميرزيوييف/.test(w)),
      });
    }
    if (url === '/api/proofreading/dictionary') {
      words.push(JSON.parse(String(init?.body)).word);
      version += 1;
      return Response.json({ ok: true });
    }
    return new Response('', { status: 404 });
  }) as typeof fetch;
  return { fetcher, asked };
}

const changed = (checker: ProofChecker) =>
  new Promise<void>((resolve) => {
    const off = checker.subscribe(() => {
      off();
      resolve();
    });
  });

test('style at once, spelling after the background batch, each word asked once', async () => {
  const { fetcher, asked } = fakeServer();
  const checker = new ProofChecker(fetcher);
  await checker.refresh();
  assert.equal(checker.version, 3);
  const text = 'قال وميرزيوييف إن الرءيس ووكرزاي وبختيار حضروا';
  const first = checker.check(text);
  assert.deepEqual(
    first.map((p) => [p.kind, p.text]),
    [['style', 'وميرزيوييف']],
  );
  await changed(checker);
  const second = checker.check(text);
  assert.deepEqual(
    second.map((p) => [p.kind, p.text]),
    [
      ['style', 'وميرزيوييف'],
      ['spelling', 'الرءيس'],
      ['spelling', 'وبختيار'],
    ],
  );
  assert.equal(asked.length, 1);
  checker.check(text);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(asked.length, 1, 'no word is asked twice');

  // أضف إلى القاموس, then تجاهل.
  assert.equal(await checker.addToDictionary('وبختيار'), null);
  assert.deepEqual(
    checker.check(text).map((p) => p.text),
    ['وميرزيوييف', 'الرءيس'],
  );
  checker.ignore('الرءيس');
  assert.deepEqual(
    checker.check(text).map((p) => p.text),
    ['وميرزيوييف'],
  );
  checker.stop();
});
