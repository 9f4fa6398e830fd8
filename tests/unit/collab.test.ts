// Writing together, the parts without a network: document names, the one save status the page
// shows (the autosave's and the collaboration server's together), and the body ↔ Yjs conversion
// with the editor's schema on real Arabic.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import { combinedStatus, LIVE_LOST } from '@/components/editor/collab/status';
import type { CollabState } from '@/components/editor/collab/useCollaboration';
import { SaveMachine, type SaveOutcome, type SaveSnapshot } from '@/components/editor/save-machine';
import type { SaveArticleInput } from '@/lib/shared/validation/article-save';
import { checkArticleDocument, paragraphsToDocument } from '@/lib/document/check';
import { bodyOf, replaceBody, seededState } from '@/lib/collab/document';
import { collaborationEnabled, documentNameOf, parseDocumentName } from '@/lib/shared/collab-protocol';

const saved: SaveSnapshot = {
  status: 'saved',
  message: null,
  conflicts: [],
  values: {} as SaveSnapshot['values'],
  storedSlug: '',
  version: 3,
  journalled: false,
  fieldErrors: {},
  savedAt: 1,
  unsaved: [],
  replaced: [],
};
const live: CollabState = {
  connection: 'connected',
  synced: true,
  readOnly: false,
  closed: null,
  refused: null,
  unstored: false,
  savedAt: 1,
  people: [],
  reconnected: false,
  version: 0,
  unreachable: false,
  localCopy: false,
  abandoned: false,
};

describe('document names', () => {
  test('round-trip an article id, and refuse anything else', () => {
    assert.equal(parseDocumentName(documentNameOf(42)), 42);
    for (const name of ['article:0', 'article:-1', 'article:1e3', 'article:01', 'مقال:1', 'article:1 ', '']) {
      assert.equal(parseDocumentName(name), null, name);
    }
    assert.equal(parseDocumentName('article:99999999999999999'), null, 'past a safe integer');
  });

  test('writing together is on unless NEWSROOM_COLLAB=0', () => {
    assert.equal(collaborationEnabled({}), true);
    assert.equal(collaborationEnabled({ NEWSROOM_COLLAB: '1' }), true);
    assert.equal(collaborationEnabled({ NEWSROOM_COLLAB: '0' }), false);
  });
});

describe('the save status while the body is shared', () => {
  test("«تم الحفظ» only when the server stored this person's typing too", () => {
    assert.deepEqual(combinedStatus(saved, live), { state: 'saved', label: 'تم الحفظ' });
    assert.deepEqual(combinedStatus(saved, { ...live, unstored: true }), {
      state: 'dirty',
      label: 'لم يُحفظ بعد',
    });
  });

  test('without a connection the typing is said to be kept on this device', () => {
    assert.deepEqual(combinedStatus(saved, { ...live, unstored: true, connection: 'disconnected' }), {
      state: 'offline',
      label: `لم يُحفظ: ${LIVE_LOST}`,
    });
  });

  test('a refused store is shown with its reason', () => {
    const refused = combinedStatus(saved, { ...live, refused: 'نص المقال متداخل أعمق من المسموح' });
    assert.equal(refused.state, 'error');
    assert.match(refused.label, /^لم يُحفظ: نص المقال متداخل/);
  });

  test("the autosave's own state comes first (a conflict on the headline stays shown)", () => {
    const conflict = combinedStatus({ ...saved, status: 'conflict' }, live);
    assert.equal(conflict.state, 'conflict');
    assert.equal(combinedStatus({ ...saved, status: 'saving' }, null).state, 'saving');
  });
});

describe('the body as a Yjs document', () => {
  const body = () => {
    const checked = checkArticleDocument(
      paragraphsToDocument(['قال وزير الخارجية إن المحادثات «بنّاءة».', 'وأضاف: سنلتقي مجدداً في 2027.']),
    );
    assert.ok(checked.ok);
    return checked.json;
  };

  test('seeded on the server and read back, it is the same document', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seededState(body()));
    assert.deepEqual(bodyOf(doc), body());
  });

  test('a body stored by another path replaces the shared one without duplicating it in a copy', () => {
    const server = new Y.Doc();
    Y.applyUpdate(server, seededState(body()));
    // A browser's offline copy of the same history, with a line of its own.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    const restored = paragraphsToDocument(['نص مستعاد من السجل.']);
    replaceBody(server, restored, 'stored-body');
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(copy));
    assert.deepEqual(bodyOf(server), bodyOf(copy));
    assert.equal(bodyOf(server).content?.length, 1, 'the old body is not kept beside the restored one');
  });
});

describe('a field someone else saved reaches this tab', () => {
  function machine(save: (input: SaveArticleInput) => Promise<SaveOutcome>, adopted: unknown[]) {
    return new SaveMachine({
      articleId: 7,
      version: 3,
      values: {
        headline: 'عنوان قديم',
        deck: '',
        slug: '',
        sectionId: null,
        dateline: '',
        byline: '',
        tags: [],
        leadImage: null,
        body: JSON.stringify(paragraphsToDocument(['نص'])),
      },
      bodyHash: 'x'.repeat(64),
      storedSlug: 'عنوان',
      editable: true,
      save,
      readBody: () => paragraphsToDocument(['نص']),
      clock: { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined },
      isOnline: () => true,
      journal: { write: async () => undefined, clear: async () => undefined },
      onAdopt: (changes) => adopted.push(changes),
    });
  }

  test('a newer version is pulled with an empty save, and what they changed is adopted quietly', async () => {
    const sent: SaveArticleInput[] = [];
    const adopted: unknown[] = [];
    let answer!: (outcome: SaveOutcome) => void;
    const m = machine((input) => {
      sent.push(input);
      return new Promise((resolve) => (answer = resolve));
    }, adopted);
    m.pull(3);
    assert.equal(sent.length, 0, 'not older than what this tab has');
    m.pull(5);
    assert.deepEqual(sent, [{ articleId: 7, baseVersion: 3, changes: {} }]);
    assert.equal(m.getSnapshot().status, 'saved', 'a pull is not shown as saving');
    answer({
      ok: true,
      data: {
        applied: [],
        conflicts: [],
        theirs: { headline: 'عنوان جديد كتبه المحرر' },
        version: 5,
        savedAt: 1,
        slug: 'عنوان-جديد',
        bodyHash: 'y'.repeat(64),
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(m.getSnapshot().values.headline, 'عنوان جديد كتبه المحرر');
    assert.equal(m.getSnapshot().version, 5);
    assert.deepEqual(adopted, [{ headline: 'عنوان جديد كتبه المحرر' }]);
  });

  test('with an edit of its own pending, no pull: that save brings theirs', () => {
    const sent: SaveArticleInput[] = [];
    const m = machine(async (input) => {
      sent.push(input);
      return { ok: false, code: 'server_error', message: '' };
    }, []);
    m.edit('deck', 'مقدمة');
    m.pull(9);
    assert.equal(sent.length, 0);
  });
});
