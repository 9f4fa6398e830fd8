// The editor's save machine, driven without a browser: a fake clock, a fake connection, a fake
// journal, and a small server that follows the contract of lib/shared/validation/article-save.ts (a
// three-way merge by field against the base version, body patches against the body's hash).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { applyBodyPatch, bodyBase, bodyChange } from '@/components/editor/body-patch';
import { blockKeysOf, mergeBlocks } from '@/lib/document/merge';
import {
  NETWORK_MESSAGE,
  OFFLINE_MESSAGE,
  SaveMachine,
  statusLabel,
  type JournalRecord,
  type SaveOutcome,
} from '@/components/editor/save-machine';
import type {
  ArticleChanges,
  ArticleField,
  ArticleFieldValues,
  FieldConflict,
  SaveArticleInput,
} from '@/lib/shared/validation/article-save';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

type Doc = { type: 'doc'; content: unknown[] };
const paragraph = (text: string) => ({
  type: 'paragraph',
  attrs: { dir: 'rtl' },
  content: text ? [{ type: 'text', text }] : undefined,
});
const doc = (...texts: string[]): Doc => ({ type: 'doc', content: texts.map(paragraph) });
// Long enough that a patch of one block is smaller than the whole body.
const EARLIER = Array.from({ length: 8 }, (_, i) => `فقرة سابقة رقم ${i} فيها بعض الكلمات`);
const metadataOf = (input: SaveArticleInput) => Object.keys(input.changes).filter((k) => k !== 'body');

const ME = { id: 1, name: 'سارة الصحفية' };
const THEM = { id: 2, name: 'خالد المحرر' };

const initialValues = (): ArticleFieldValues => ({
  headline: 'خبر',
  deck: '',
  slug: '',
  sectionId: null,
  dateline: '',
  byline: '',
  tags: [],
  leadImage: null,
  body: JSON.stringify(doc('الفقرة الأولى')),
});

// Follows the contract: only a field changed by someone else since baseVersion, to a different
// value, is a conflict; fields others changed that this save did not touch come back as theirs.
class FakeServer {
  version = 1;
  values = initialValues();
  changed = new Map<ArticleField, { version: number; by: typeof ME; at: number }>();
  now = 1_000;

  apply(input: SaveArticleInput, by = ME): SaveOutcome {
    const changes: ArticleChanges = { ...input.changes };
    if (input.bodyPatch) {
      if (sha(this.values.body) !== input.bodyPatch.baseBodyHash)
        return { ok: false, code: 'body_base_mismatch', message: 'body moved' };
      changes.body = applyBodyPatch(this.values.body, input.bodyPatch);
    }
    const applied: ArticleField[] = [];
    const conflicts: FieldConflict[] = [];
    let merged: string | undefined;
    for (const field of Object.keys(changes) as ArticleField[]) {
      const mine = changes[field];
      const last = this.changed.get(field);
      const same = JSON.stringify(mine) === JSON.stringify(this.values[field]);
      if (last && last.version > input.baseVersion && last.by.id !== by.id && !same) {
        // A whole body naming its base is merged by block, as lib/newsroom/save.ts does.
        let blocks: FieldConflict['blocks'];
        if (field === 'body' && input.bodyBase && !input.bodyPatch) {
          const stored = JSON.parse(this.values.body) as Doc;
          const result = mergeBlocks(
            input.bodyBase,
            (JSON.parse(mine as string) as Doc).content,
            stored.content,
          );
          if (!result.conflicts.length) {
            merged = JSON.stringify({
              ...stored,
              content: result.parts.flatMap((p) => ('ok' in p ? p.ok : [])),
            });
            changes.body = merged;
            applied.push(field);
            continue;
          }
          blocks = result.conflicts;
        }
        conflicts.push({
          ...(blocks ? { blocks } : {}),
          field,
          theirs: this.values[field],
          mine: mine!,
          changedBy: last.by,
          changedAt: last.at,
        } as FieldConflict);
      } else applied.push(field);
    }
    this.now += 1000;
    if (applied.length) {
      this.version++;
      for (const field of applied) {
        (this.values as Record<string, unknown>)[field] = changes[field];
        this.changed.set(field, { version: this.version, by, at: this.now });
      }
    }
    const theirs: ArticleChanges = {};
    const theirsBy: Record<string, { id: number; name: string; at: number }> = {};
    for (const [field, last] of this.changed) {
      if (last.version > input.baseVersion && last.by.id !== by.id && !(field in changes)) {
        (theirs as Record<string, unknown>)[field] = this.values[field];
        theirsBy[field] = { ...last.by, at: last.at };
      }
    }
    return {
      ok: true,
      data: {
        version: this.version,
        savedAt: this.now,
        slug: this.values.slug || 'slug-from-headline',
        bodyHash: sha(this.values.body),
        applied,
        conflicts,
        theirs,
        ...(merged ? { body: merged } : {}),
        theirsBy,
      },
    };
  }

  // Someone else saves, based on the latest version.
  other(changes: ArticleChanges): void {
    const outcome = this.apply({ articleId: 1, baseVersion: this.version, changes }, THEM);
    assert.ok(outcome.ok);
  }
}

class FakeClock {
  time = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  // Moves time on, running timers in order (and any they start within the window).
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
};

type Pending = { input: SaveArticleInput; resolve: () => void; fail: () => void };

function setup(options: { manual?: boolean; editable?: boolean; values?: ArticleFieldValues } = {}) {
  const server = new FakeServer();
  if (options.values) server.values = options.values;
  const clock = new FakeClock();
  let online = true;
  let body: Doc = JSON.parse(server.values.body) as Doc;
  const calls: SaveArticleInput[] = [];
  const pending: Pending[] = [];
  let journal: JournalRecord | null = null;
  let failNext = 0;
  const adopted: ArticleChanges[] = [];
  const machine = new SaveMachine({
    articleId: 1,
    version: server.version,
    values: { ...server.values },
    bodyHash: sha(server.values.body),
    storedSlug: 'slug-from-headline',
    editable: options.editable ?? true,
    clock,
    isOnline: () => online,
    readBody: () => body,
    journal: {
      write: async (record) => {
        journal = structuredClone(record);
      },
      clear: async () => {
        journal = null;
      },
    },
    onAdopt: (changes) => {
      adopted.push(changes);
      if (changes.body !== undefined) body = JSON.parse(changes.body) as Doc;
    },
    save: (input) => {
      calls.push(structuredClone(input));
      if (failNext > 0) {
        failNext--;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      if (!options.manual) return Promise.resolve(server.apply(input));
      return new Promise((resolve, reject) => {
        pending.push({
          input,
          resolve: () => resolve(server.apply(input)),
          fail: () => reject(new TypeError('Failed to fetch')),
        });
      });
    },
  });
  return {
    server,
    clock,
    machine,
    calls,
    pending,
    adopted,
    journal: () => journal,
    status: () => machine.getSnapshot().status,
    label: () => statusLabel(machine.getSnapshot()),
    setOnline: (value: boolean) => {
      online = value;
    },
    failNext: (n: number) => {
      failNext = n;
    },
    type: (text: string) => {
      body = doc(
        ...(body.content as ReturnType<typeof paragraph>[]).map((p, i, all) =>
          i === all.length - 1 ? (p.content?.[0]?.text ?? '') + text : (p.content?.[0]?.text ?? ''),
        ),
      );
      machine.editBody();
    },
    setBody: (next: Doc) => {
      body = next;
      machine.editBody();
    },
    body: () => body,
  };
}

describe('save machine: typing', () => {
  test('a burst of typing is one save, a moment after the last key, with only the body', async () => {
    const s = setup({
      values: { ...initialValues(), body: JSON.stringify(doc(...EARLIER, 'الفقرة الأولى')) },
    });
    for (const letter of 'كلمات') {
      s.type(letter);
      await s.clock.advance(200);
    }
    assert.equal(s.calls.length, 0, 'nothing is sent while the journalist types');
    assert.equal(s.status(), 'dirty');
    assert.equal(s.label(), 'لم يُحفظ بعد');
    await s.clock.advance(1500);
    assert.equal(s.calls.length, 1);
    assert.deepEqual(Object.keys(s.calls[0]!.changes), []);
    assert.ok(s.calls[0]!.bodyPatch, 'the body goes as a patch');
    assert.equal(s.server.values.body, JSON.stringify(doc(...EARLIER, 'الفقرة الأولىكلمات')));
    assert.equal(s.status(), 'saved');
    assert.equal(s.label(), 'تم الحفظ');
    assert.equal(s.journal(), null, 'the journal is cleared once the server has the text');
  });

  test('typing without a pause is still saved every 20 seconds', async () => {
    const s = setup();
    for (let i = 0; i < 25; i++) {
      s.type('ب');
      await s.clock.advance(1000);
    }
    assert.equal(s.calls.length, 1, 'the maximum wait forced one save during the burst');
  });

  test('sends only the fields edited since the last acknowledged version', async () => {
    const s = setup();
    s.machine.edit('deck', 'موجز');
    await s.clock.advance(1500);
    assert.deepEqual(s.calls[0]!.changes, { deck: 'موجز' });
    assert.equal(s.calls[0]!.bodyPatch, undefined);
    s.machine.edit('tags', ['طشقند']);
    s.machine.edit('sectionId', 3);
    await s.clock.advance(1500);
    assert.deepEqual(s.calls[1]!.changes, { tags: ['طشقند'], sectionId: 3 });
    assert.equal(s.calls[1]!.baseVersion, 2, 'based on the version the last save returned');
  });

  test('one save in flight at a time; edits made during it are sent after it', async () => {
    const s = setup({ manual: true });
    s.machine.edit('headline', 'عنوان أول');
    await s.clock.advance(1500);
    assert.equal(s.pending.length, 1);
    assert.equal(s.status(), 'saving');
    assert.equal(s.label(), 'جارٍ الحفظ…');
    s.machine.edit('headline', 'عنوان ثانٍ');
    s.machine.edit('deck', 'موجز');
    await s.clock.advance(5000);
    assert.equal(s.calls.length, 1, 'a slow save is not joined by a second one');
    s.pending[0]!.resolve();
    await settle();
    assert.notEqual(s.status(), 'saved', 'the later edits are not yet on the server');
    assert.equal(s.calls.length, 2, 'sent right after the first is answered (its timer had fired)');
    assert.deepEqual(s.calls[1]!.changes, { headline: 'عنوان ثانٍ', deck: 'موجز' });
    assert.equal(s.calls[1]!.baseVersion, 2);
    s.pending[1]!.resolve();
    await settle();
    assert.equal(s.status(), 'saved');
    assert.equal(s.server.values.headline, 'عنوان ثانٍ');
  });
});

describe('save machine: the body patch', () => {
  test('a one-letter edit in a long article sends one block, a small fraction of the body', async () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `الفقرة رقم ${i} ` + 'كلمة '.repeat(12));
    const values = { ...initialValues(), body: JSON.stringify(doc(...paragraphs)) };
    const s = setup({ values });
    const edited = [...paragraphs];
    edited[200] = edited[200]!.replace('كلمة', 'كلمةٌ');
    s.setBody(doc(...edited));
    await s.clock.advance(1500);
    const sent = s.calls[0]!;
    assert.equal(sent.changes.body, undefined);
    assert.equal(sent.bodyPatch!.from, 200);
    assert.equal(sent.bodyPatch!.deleteCount, 1);
    assert.equal(sent.bodyPatch!.insert.length, 1);
    const size = JSON.stringify(sent).length;
    assert.ok(size < values.body.length / 50, `patch ${size} bytes against a body of ${values.body.length}`);
    assert.equal(s.server.values.body, JSON.stringify(doc(...edited)));
  });

  test('blocks added and removed splice in place', () => {
    const before = doc('أ', 'ب', 'ج', 'د');
    const base = bodyBase(JSON.stringify(before), 'h');
    const after = doc('أ', 'ب٢', 'جديد', 'د');
    const change = bodyChange(base, after, true);
    assert.deepEqual([change.patch!.from, change.patch!.deleteCount, change.patch!.insert.length], [1, 2, 2]);
    assert.equal(applyBodyPatch(JSON.stringify(before), change.patch!), JSON.stringify(after));
    const removed = bodyChange(base, doc('أ', 'د'), true);
    assert.deepEqual(
      [removed.patch!.from, removed.patch!.deleteCount, removed.patch!.insert.length],
      [1, 2, 0],
    );
    assert.equal(applyBodyPatch(JSON.stringify(before), removed.patch!), JSON.stringify(doc('أ', 'د')));
  });

  test('a patch that is not smaller than the body is not sent: the whole body goes', () => {
    const base = bodyBase(JSON.stringify(doc('أ')), 'h');
    const change = bodyChange(base, doc('ب'), true);
    assert.equal(change.patch, undefined);
    assert.equal(change.body, JSON.stringify(doc('ب')));
  });

  test('when the server says the base body moved, the whole body is sent next', async () => {
    const s = setup({
      values: { ...initialValues(), body: JSON.stringify(doc(...EARLIER, 'الفقرة الأولى')) },
    });
    // The stored body changes behind the machine's back, without a version it would learn of.
    s.server.values.body = JSON.stringify(doc(...EARLIER, 'الفقرة الأولى', 'فقرة مضافة'));
    s.type('!');
    await s.clock.advance(1500);
    assert.equal(s.calls.length, 2);
    assert.ok(s.calls[0]!.bodyPatch);
    assert.equal(s.calls[1]!.bodyPatch, undefined);
    assert.equal(s.calls[1]!.changes.body, JSON.stringify(doc(...EARLIER, 'الفقرة الأولى!')));
    assert.equal(s.status(), 'saved');
  });
});

describe('save machine: failures and the connection', () => {
  test('a failed save says لم يُحفظ with the reason, keeps the text in the journal, and retries with back-off', async () => {
    const s = setup();
    s.failNext(2);
    s.type('نص مهم');
    await s.clock.advance(1500);
    assert.equal(s.calls.length, 1);
    assert.equal(s.status(), 'error');
    assert.equal(s.label(), `لم يُحفظ: ${NETWORK_MESSAGE}؛ محفوظ على هذا الجهاز`);
    assert.match(s.journal()!.values.body!, /نص مهم/);
    await s.clock.advance(1999);
    assert.equal(s.calls.length, 1, 'the first retry waits two seconds');
    await s.clock.advance(1);
    assert.equal(s.calls.length, 2);
    await s.clock.advance(3999);
    assert.equal(s.calls.length, 2, 'the second waits twice as long');
    await s.clock.advance(1);
    assert.equal(s.calls.length, 3);
    assert.equal(s.status(), 'saved');
    assert.equal(s.journal(), null);
    assert.match(s.server.values.body, /نص مهم/);
  });

  test('offline: nothing is sent, the journal holds it; the connection coming back sends it', async () => {
    const s = setup();
    s.setOnline(false);
    s.type('بلا اتصال');
    s.machine.edit('dateline', 'سمرقند');
    assert.equal(s.status(), 'offline');
    await s.clock.advance(30_000);
    assert.equal(s.calls.length, 0);
    assert.equal(s.label(), `لم يُحفظ: ${OFFLINE_MESSAGE}؛ محفوظ على هذا الجهاز`);
    assert.deepEqual(new Set(s.journal()!.edited), new Set(['body', 'dateline']));
    s.setOnline(true);
    s.machine.reconnect();
    await settle();
    assert.equal(s.calls.length, 1);
    assert.equal(s.status(), 'saved');
    assert.equal(s.server.values.dateline, 'سمرقند');
  });

  test('a save refused by the server shows its reason and field error, and waits for the next edit', async () => {
    const s = setup();
    const save = s.machine['o'].save;
    s.machine['o'].save = async () => ({
      ok: false,
      code: 'invalid_input',
      message: 'البيانات المرسلة غير صالحة.',
      fieldErrors: { headline: 'العنوان طويل جداً' },
    });
    s.machine.edit('headline', 'ع'.repeat(400));
    await s.clock.advance(1500);
    assert.equal(s.status(), 'error');
    assert.equal(s.label(), 'لم يُحفظ: البيانات المرسلة غير صالحة.؛ محفوظ على هذا الجهاز');
    assert.equal(s.machine.getSnapshot().fieldErrors.headline, 'العنوان طويل جداً');
    await s.clock.advance(60_000);
    assert.equal(s.server.version, 1, 'not sent again unchanged');
    s.machine['o'].save = save;
    s.machine.edit('headline', 'عنوان قصير');
    assert.equal(s.machine.getSnapshot().fieldErrors.headline, undefined);
    await s.clock.advance(1500);
    assert.equal(s.status(), 'saved');
  });

  test('the tab closing: the journal gets the latest at once, and the page is told work is pending', async () => {
    const s = setup({ manual: true });
    s.type('آخر كلمة');
    assert.equal(s.journal(), null, 'not yet written: it waits a moment after typing');
    assert.equal(s.machine.flush(), true);
    await settle();
    assert.match(s.journal()!.values.body!, /آخر كلمة/);
    assert.equal(s.journal()!.baseVersion, 1);
    // A save on its way is pending too.
    await s.clock.advance(1500);
    assert.equal(s.pending.length, 1);
    assert.equal(s.machine.flush(), true);
    s.pending[0]!.resolve();
    await settle();
    assert.equal(s.machine.flush(), false, 'nothing pending once the server has it');
  });

  test('reopened, the journal is restored and sent with its own base version and the whole body', async () => {
    const s = setup();
    s.server.other({ headline: 'عنوانهم' });
    s.machine.restore({
      articleId: 1,
      baseVersion: 1,
      edited: ['body', 'dateline'],
      values: { body: JSON.stringify(doc('نص من الجهاز')), dateline: 'بخارى' },
      updatedAt: 0,
    });
    await settle();
    assert.equal(s.adopted[0]!.dateline, 'بخارى');
    assert.equal(s.calls[0]!.baseVersion, 1);
    assert.equal(s.calls[0]!.changes.body, JSON.stringify(doc('نص من الجهاز')));
    assert.equal(s.server.values.dateline, 'بخارى');
    assert.equal(s.machine.getSnapshot().values.headline, 'عنوانهم', 'their headline is adopted');
    assert.equal(s.status(), 'saved');
  });
});

describe('save machine: others editing the same article', () => {
  test('the issue: A sets deck, tags and section; stale B edits the body: no conflict, A’s fields kept', async () => {
    const s = setup();
    s.server.other({ deck: 'موجز أ', tags: ['طشقند'], sectionId: 4 });
    s.type(' وكلمة من ب');
    await s.clock.advance(1500);
    assert.deepEqual(s.machine.getSnapshot().conflicts, []);
    assert.equal(s.status(), 'saved');
    const values = s.machine.getSnapshot().values;
    assert.deepEqual([values.deck, values.tags, values.sectionId], ['موجز أ', ['طشقند'], 4]);
    assert.deepEqual(s.adopted.at(-1), { deck: 'موجز أ', tags: ['طشقند'], sectionId: 4 });
    // B types on: the next save still touches only the body, and A's fields stay.
    s.type('!');
    await s.clock.advance(1500);
    assert.deepEqual(metadataOf(s.calls[1]!), []);
    assert.deepEqual(
      [s.server.values.deck, s.server.values.tags, s.server.values.sectionId],
      ['موجز أ', ['طشقند'], 4],
    );
  });

  test('a true conflict holds only that field; other edits keep saving; keep theirs takes their value', async () => {
    const s = setup();
    s.server.other({ deck: 'موجزهم' });
    s.machine.edit('deck', 'موجزي');
    s.type(' نصي');
    await s.clock.advance(1500);
    const snap = s.machine.getSnapshot();
    assert.deepEqual(
      snap.conflicts.map((c) => [c.field, c.theirs, c.changedBy?.name]),
      [['deck', 'موجزهم', 'خالد المحرر']],
    );
    assert.equal(snap.status, 'conflict');
    assert.match(s.label(), /^لم يُحفظ: /);
    assert.match(s.server.values.body, /نصي/, 'the body, not in conflict, was saved');
    assert.equal(s.server.values.deck, 'موجزهم', 'theirs is not overwritten');
    // Held: editing the deck again sends nothing; the body keeps saving.
    s.machine.edit('deck', 'موجزي المعدّل');
    s.type('!');
    await s.clock.advance(1500);
    assert.deepEqual(metadataOf(s.calls.at(-1)!), []);
    assert.ok(s.calls.every((c, i) => i === 0 || c.changes.deck === undefined));
    s.machine.keepTheirs('deck');
    assert.equal(s.machine.getSnapshot().values.deck, 'موجزهم');
    assert.equal(s.status(), 'saved');
    const before = s.calls.length;
    await s.clock.advance(5000);
    assert.equal(s.calls.length, before, 'keeping theirs sends nothing');
  });

  test('the losing side is told at once, by name, what replaced the value it had saved', async () => {
    const s = setup();
    s.machine.edit('headline', 'عنوان سارة');
    await s.clock.advance(1500);
    assert.equal(s.server.values.headline, 'عنوان سارة');
    assert.deepEqual(s.machine.getSnapshot().replaced, []);
    // Khalid keeps his version on top of hers; her page hears of the new version (the heartbeat).
    s.server.other({ headline: 'عنوان خالد' });
    s.machine.pull(s.server.version);
    await settle();
    const snap = s.machine.getSnapshot();
    assert.equal(snap.values.headline, 'عنوان خالد');
    assert.deepEqual(
      snap.replaced.map((r) => [r.field, r.by, r.value]),
      [['headline', THEM.name, 'عنوان خالد']],
    );
    assert.equal(snap.status, 'saved');
    // A field she had not saved herself changes without a notice; dismissing clears it.
    s.server.other({ deck: 'عنوان فرعي من خالد' });
    s.machine.pull(s.server.version);
    await settle();
    assert.equal(s.machine.getSnapshot().replaced.length, 1);
    s.machine.dismissReplaced();
    assert.deepEqual(s.machine.getSnapshot().replaced, []);
  });

  test('keep mine sends it on top of theirs', async () => {
    const s = setup();
    s.server.other({ tags: ['أ'] });
    s.machine.edit('tags', ['ب']);
    await s.clock.advance(1500);
    assert.equal(s.status(), 'conflict');
    s.machine.keepMine('tags');
    await settle();
    assert.deepEqual(s.server.values.tags, ['ب']);
    assert.equal(s.status(), 'saved');
    assert.equal(await s.machine.saveNow(), true);
  });

  test('a body conflict: theirs is held and mine stays in the editor until chosen', async () => {
    const s = setup();
    s.server.other({ body: JSON.stringify(doc('نصهم')) });
    s.type(' نصي');
    await s.clock.advance(1500);
    const conflict = s.machine.getSnapshot().conflicts[0]!;
    assert.equal(conflict.field, 'body');
    assert.equal(conflict.theirs, JSON.stringify(doc('نصهم')));
    assert.equal(await s.machine.saveNow(), false, 'a workflow action is told the work is not saved');
    s.machine.keepMine('body');
    await settle();
    assert.equal(s.server.values.body, JSON.stringify(doc('الفقرة الأولى نصي')));
    assert.equal(s.status(), 'saved');
  });

  test('keeping their body puts it in the editor; the next edit patches against it', async () => {
    const s = setup();
    s.server.other({ body: JSON.stringify(doc(...EARLIER, 'نصهم', 'فقرتهم الثانية')) });
    s.type(' نصي');
    await s.clock.advance(1500);
    s.machine.keepTheirs('body');
    assert.deepEqual(s.body(), doc(...EARLIER, 'نصهم', 'فقرتهم الثانية'));
    s.type(' وأنا');
    await s.clock.advance(1500);
    const last = s.calls.at(-1)!;
    assert.ok(last.bodyPatch);
    assert.equal(s.server.values.body, JSON.stringify(doc(...EARLIER, 'نصهم', 'فقرتهم الثانية وأنا')));
  });

  test('two people in different paragraphs: merged by block, no conflict, the merged body in my editor', async () => {
    const s = setup({ values: { ...initialValues(), body: JSON.stringify(doc(...EARLIER, 'الخاتمة')) } });
    s.server.other({ body: JSON.stringify(doc('مقدمة جديدة من خالد', ...EARLIER.slice(1), 'الخاتمة')) });
    s.type(' وأضافت سارة سطراً');
    await s.clock.advance(1500);
    await settle();
    // The patch was made on a body that moved: the whole body follows, naming its base.
    const last = s.calls.at(-1)!;
    assert.deepEqual(last.bodyBase, blockKeysOf(doc(...EARLIER, 'الخاتمة').content));
    const both = doc('مقدمة جديدة من خالد', ...EARLIER.slice(1), 'الخاتمة وأضافت سارة سطراً');
    assert.equal(s.server.values.body, JSON.stringify(both));
    assert.deepEqual(s.body(), both);
    assert.deepEqual(s.machine.getSnapshot().conflicts, []);
    assert.equal(s.status(), 'saved');
    // The next edit is a patch against the merged body.
    s.type('!');
    await s.clock.advance(1500);
    assert.ok(s.calls.at(-1)!.bodyPatch);
    assert.equal(
      s.server.values.body,
      JSON.stringify(doc('مقدمة جديدة من خالد', ...EARLIER.slice(1), 'الخاتمة وأضافت سارة سطراً!')),
    );
  });

  test('the same paragraph on both sides: only that paragraph is held; either choice keeps their other paragraphs', async () => {
    for (const choice of ['mine', 'theirs', 'both'] as const) {
      const s = setup({ values: { ...initialValues(), body: JSON.stringify(doc(...EARLIER, 'الخاتمة')) } });
      s.server.other({ body: JSON.stringify(doc('مقدمة خالد', ...EARLIER.slice(1), 'خاتمة خالد')) });
      s.type(' وخاتمة سارة');
      await s.clock.advance(1500);
      await settle();
      const conflict = s.machine.getSnapshot().conflicts[0]!;
      assert.equal(conflict.field, 'body');
      assert.equal(conflict.merge?.conflicts.length, 1);
      assert.deepEqual(conflict.merge!.conflicts[0]!.theirs, [paragraph('خاتمة خالد')]);
      assert.deepEqual(conflict.merge!.conflicts[0]!.mine, [paragraph('الخاتمة وخاتمة سارة')]);
      // Typing elsewhere meanwhile is not lost by the choice.
      s.setBody(doc('مقدمة', ...EARLIER.slice(1), 'الخاتمة وخاتمة سارة'));
      if (choice === 'mine') s.machine.keepMine('body');
      if (choice === 'theirs') s.machine.keepTheirs('body');
      if (choice === 'both') assert.ok(s.machine.keepBoth('body'));
      await s.clock.advance(1500);
      await settle();
      const ending = {
        mine: ['الخاتمة وخاتمة سارة'],
        theirs: ['خاتمة خالد'],
        both: ['الخاتمة وخاتمة سارة', 'خاتمة خالد'],
      }[choice];
      // Their new first paragraph is kept whatever the choice (my later edit of it merges on top
      // only where it does not collide: here it does, and theirs is what I had before typing).
      const stored = JSON.parse(s.server.values.body) as Doc;
      assert.deepEqual(stored.content.slice(1, EARLIER.length), EARLIER.slice(1).map(paragraph), choice);
      assert.deepEqual(stored.content.slice(EARLIER.length), ending.map(paragraph), choice);
      assert.deepEqual(s.body(), stored, choice);
      assert.equal(s.status(), 'saved', choice);
    }
  });

  test('work kept on the device names its own base: sent later, it merges by block', async () => {
    const first = setup({ values: { ...initialValues(), body: JSON.stringify(doc(...EARLIER, 'الخاتمة')) } });
    first.setOnline(false);
    first.type(' كتبتها دون اتصال');
    await first.clock.advance(1500);
    first.machine.flush();
    await settle();
    const record = first.journal()!;
    assert.deepEqual(record.bodyBase, blockKeysOf(doc(...EARLIER, 'الخاتمة').content));
    // Meanwhile someone else changed the first paragraph; the page is opened again.
    const s = setup({ values: { ...initialValues(), body: JSON.stringify(doc(...EARLIER, 'الخاتمة')) } });
    s.server.other({ body: JSON.stringify(doc('مقدمة خالد', ...EARLIER.slice(1), 'الخاتمة')) });
    s.machine.restore(record);
    await settle();
    assert.deepEqual(s.calls.at(-1)!.bodyBase, record.bodyBase);
    assert.equal(
      s.server.values.body,
      JSON.stringify(doc('مقدمة خالد', ...EARLIER.slice(1), 'الخاتمة كتبتها دون اتصال')),
    );
    assert.deepEqual(s.machine.getSnapshot().conflicts, []);
  });

  test('a newer version arriving while this tab edits that same field is shown, not overwritten', async () => {
    const s = setup({ manual: true });
    s.machine.edit('headline', 'عنواني');
    await s.clock.advance(1500);
    // While my headline save is on its way, they change the deck, and I change it too.
    s.server.other({ deck: 'موجزهم' });
    s.machine.edit('deck', 'موجزي');
    s.pending[0]!.resolve();
    await settle();
    const snap = s.machine.getSnapshot();
    assert.deepEqual(
      snap.conflicts.map((c) => [c.field, c.theirs, c.changedBy]),
      [['deck', 'موجزهم', null]],
    );
    assert.equal(snap.values.deck, 'موجزي', 'mine stays in the field');
    await s.clock.advance(5000);
    assert.ok(
      s.calls.every((c) => c.changes.deck === undefined),
      'and is not sent until chosen',
    );
  });

  test('a read-only viewer never saves', async () => {
    const s = setup({ editable: false });
    s.machine.edit('headline', 'لا');
    s.type('لا');
    await s.clock.advance(30_000);
    assert.equal(s.calls.length, 0);
    assert.equal(s.status(), 'saved');
  });
});
