import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { db } from '@/db';
import { events, houseStyleRules, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import {
  addDictionaryWord,
  addHouseRule,
  changeHouseRule,
  currentHouseStyle,
  deleteHouseRule,
  houseStyleVersionOf,
} from '@/lib/newsroom/house-style';
import { stopSpelling, suggestionsFor, unknownWords } from '@/lib/newsroom/spelling';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { buildMatcher, proofread, wordKey, wordsToSpell } from '@/lib/shared/proofreading/matcher';

let editor: User;
let reporter: User;

before(async () => {
  editor = await createUser({
    email: 'style@test.example',
    name: 'المحررة',
    role: 'editor',
    password: 'long-enough-password',
  });
  reporter = await createUser({
    email: 'typist@test.example',
    name: 'الصحفي',
    role: 'reporter',
    password: 'long-enough-password',
  });
});
after(() => stopSpelling());

const rulesCount = () => db.select({ n: count() }).from(houseStyleRules).get()!.n;
const seed = JSON.parse(readFileSync('db/seed/seed-article.json', 'utf8')) as {
  headline: string;
  paragraphs: string[];
};

// What another process (a second server worker, the archive script) reads from the same file.
function fromAnotherProcess(text: string): { version: number; points: [string, string][] } {
  const script = `
    const { currentHouseStyle } = await import('@/lib/newsroom/house-style');
    const { buildMatcher } = await import('@/lib/shared/proofreading/matcher');
    const style = currentHouseStyle();
    const points = buildMatcher(style.rules, style.settings).check(${JSON.stringify(text)}).map((p) => [p.text, p.suggestions[0]]);
    console.log(JSON.stringify({ version: style.version, points }));`;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', '--input-type=module', '-e', script],
    {
      env: process.env,
      encoding: 'utf8',
    },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

describe('house style stored', () => {
  test('the starter list comes with the migration and raises nothing on the seed article', () => {
    const style = currentHouseStyle();
    assert.ok(style.rules.length >= 10);
    const matcher = buildMatcher(style.rules, style.settings);
    const text = [seed.headline, ...seed.paragraphs].join('\n');
    assert.deepEqual(matcher.check(text), []);
    assert.deepEqual(
      matcher.check('قال وميرزيوييف في شانغهاي إن ذالك إحتفال').map((p) => p.suggestions[0]),
      ['وميرضيائيف', 'شنغهاي', 'ذلك', 'احتفال'],
    );
  });

  test('a rule added by an editor is seen by a second process, with its prefixes, and logged', () => {
    const before = houseStyleVersionOf();
    assert.deepEqual(fromAnotherProcess('وكرزاي').points, []);
    const rule = addHouseRule(editor, {
      kind: 'preferred',
      preferred: 'قرضاي',
      variants: 'كرزاي\nكرزي',
      note: '',
    });
    assert.equal(houseStyleVersionOf(), before + 1);
    const seen = fromAnotherProcess('قال وكرزاي ثم لكرزي');
    assert.equal(seen.version, before + 1);
    assert.deepEqual(seen.points, [
      ['وكرزاي', 'وقرضاي'],
      ['لكرزي', 'لقرضاي'],
    ]);
    const logged = db.select().from(events).where(eq(events.action, 'house_style_rule_added')).all();
    assert.equal(logged.at(-1)?.actorId, editor.id);
    assert.match(logged.at(-1)?.detail ?? '', /قرضاي/);

    changeHouseRule(editor, rule.id, { kind: 'preferred', preferred: 'قرضاي', variants: 'كرزاي', note: '' });
    assert.deepEqual(fromAnotherProcess('لكرزي وكرزاي').points, [['وكرزاي', 'وقرضاي']]);
    deleteHouseRule(editor, rule.id);
    assert.deepEqual(fromAnotherProcess('وكرزاي').points, []);
    assert.equal(houseStyleVersionOf(), before + 3);
  });

  test('bad rules change nothing and say why next to the field', () => {
    const version = houseStyleVersionOf();
    const rules = rulesCount();
    const refused = (input: Parameters<typeof addHouseRule>[1]) => {
      try {
        addHouseRule(editor, input);
      } catch (error) {
        assert.ok(error instanceof ActionError);
        assert.equal(error.code, 'invalid_input');
        return error.fieldErrors ?? {};
      }
      assert.fail('accepted');
    };
    assert.match(
      refused({ kind: 'banned', preferred: 'احتفال', variants: 'إحتفال', note: '' }).variants!,
      /نفسها/,
    );
    assert.match(
      refused({ kind: 'preferred', preferred: 'ميرزاييف', variants: 'ميرزيوييف', note: '' }).variants!,
      /قاعدة أخرى/,
    );
    assert.match(
      refused({ kind: 'preferred', preferred: 'ط'.repeat(200), variants: 'س', note: '' }).preferred!,
      /أطول/,
    );
    assert.match(refused({ kind: 'preferred', preferred: '', variants: '', note: '' }).preferred!, /اكتب/);
    assert.match(
      refused({ kind: 'pattern', preferred: 'x', variants: '.+', note: '' }).variants!,
      /كل الكلمات/,
    );
    assert.equal(houseStyleVersionOf(), version);
    assert.equal(rulesCount(), rules);
  });

  test('a reporter cannot change the rules, but adds to the shared dictionary', () => {
    assert.throws(
      () => addHouseRule(reporter, { kind: 'preferred', preferred: 'قرضاي', variants: 'كرزاي', note: '' }),
      ForbiddenError,
    );
    const version = houseStyleVersionOf();
    assert.equal(addDictionaryWord(reporter, 'بختياروف').version, version + 1);
    // Twice is fine and changes nothing.
    assert.equal(addDictionaryWord(reporter, 'بختياروف').version, version + 1);
    assert.ok(currentHouseStyle().words.includes('بختياروف'));
    assert.throws(() => addDictionaryWord(reporter, 'two words'), ActionError);
  });
});

describe('spelling with Hunspell in its worker thread', () => {
  test('Debian’s Arabic dictionary: الرءيس is unknown and الرئيس its first suggestion; the seed article has few unknown words, all names', async () => {
    assert.deepEqual(await unknownWords(['الرئيس', 'الرءيس', 'التعاون', 'السلام']), ['الرءيس']);
    assert.equal((await suggestionsFor('الرءيس'))[0], 'الرئيس');
    const text = [seed.headline, ...seed.paragraphs].join('\n');
    const words = wordsToSpell(text);
    const unknown = await unknownWords(words);
    assert.ok(unknown.length <= 12, unknown.join(' '));
    const style = currentHouseStyle();
    const matcher = buildMatcher(style.rules, style.settings);
    const points = proofread(
      text,
      matcher,
      new Map(unknown.map((w) => [w, []])),
      new Set(style.words.map(wordKey)),
    );
    // ميرضيائيف and شنغهاي are the house style's own: never a spelling point.
    assert.ok(!points.some((p) => /ميرضيائيف|شنغهاي/.test(p.text)), points.map((p) => p.text).join(' '));
  });
});
