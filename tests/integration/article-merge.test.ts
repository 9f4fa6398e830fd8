import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { bodyHashOf, createDraft, getArticleForEdit } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import { suggestTags } from '@/lib/newsroom/tags';
import { createUser } from '@/lib/auth/users';
import { articleRevisions, articles, media, sections, tags, type User } from '@/db/schema';
import { checkArticleDocument, MAX_DOCUMENT_CHARS, paragraphsToDocument } from '@/lib/document/check';
import { blockKeysOf } from '@/lib/document/merge';
import { ActionError } from '@/lib/shared/errors';
import {
  ARTICLE_FIELDS,
  type ArticleChanges,
  type ArticleField,
  type SaveArticleInput,
} from '@/lib/shared/validation/article-save';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { saveFields } from './fixtures';

// The server's three-way merge of autosaves (lib/shared/validation/article-save.ts) on a real SQLite
// file, through the same checks as saveArticleAction (parseArticleSave, then saveArticle).

let reporter: User;
let editor: User;
let sectionA: number;
let sectionB: number;
let imageA: number;
let imageB: number;

before(async () => {
  [reporter, editor] = await Promise.all([
    createUser({
      email: 'r@merge.example',
      name: 'سارة',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({ email: 'e@merge.example', name: 'خالد', role: 'editor', password: 'long-enough-password' }),
  ]);
  [sectionA, sectionB] = ['دولي', 'اقتصاد'].map(
    (name, i) =>
      db
        .insert(sections)
        .values({ name, slug: `merge-${i}`, position: i })
        .returning()
        .get().id,
  ) as [number, number];
  [imageA, imageB] = [1, 2].map(
    (n) =>
      db
        .insert(media)
        .values({
          mime: 'image/webp',
          width: 640,
          height: 360,
          bytes: 1000,
          variantsJson: JSON.stringify([
            { width: 640, height: 360, file: `${String(n).repeat(32)}-640.webp`, bytes: 1000 },
          ]),
          uploadedBy: reporter.id,
        })
        .returning()
        .get().id,
  ) as [number, number];
});

// A body as the server stores it (the schema's own serialization of it).
function body(...paragraphs: string[]): string {
  const checked = checkArticleDocument(paragraphsToDocument(paragraphs));
  assert.ok(checked.ok);
  return JSON.stringify(checked.json);
}

// Two different values for every field, neither of them the new draft's.
const VALUES: { [F in ArticleField]: [ArticleChanges[F], ArticleChanges[F]] } = {
  headline: ['قمة طشقند تبحث التجارة', 'قمة طشقند تختتم أعمالها'],
  deck: ['وفود من عشرين دولة', 'بيان ختامي عن الطاقة'],
  slug: ['قمة-طشقند', 'ختام-القمة'],
  sectionId: [0, 0], // set in a test, once the sections exist
  dateline: ['طشقند', 'سمرقند'],
  byline: ['سارة', 'خالد'],
  tags: [['أوزبكستان', 'قمة'], ['طاقة']],
  leadImage: [null, null], // set in a test, once the images exist
  body: [body('الفقرة الأولى كما كتبتها سارة.'), body('الفقرة الأولى كما كتبها خالد.')],
};
function values(): typeof VALUES {
  return {
    ...VALUES,
    sectionId: [sectionA, sectionB],
    leadImage: [
      { mediaId: imageA, alt: 'وزير الخارجية', caption: 'في الافتتاح', credit: 'رويترز' },
      { mediaId: imageB, alt: 'قاعة المؤتمر', caption: 'في الختام', credit: 'أ ف ب' },
    ],
  };
}

function save(user: User, input: SaveArticleInput, now = new Date()) {
  return saveArticle(user, parseArticleSave(input), now);
}

function expectActionError(fn: () => unknown, code: string): ActionError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ActionError, `expected ActionError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

const row = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;
const stored = (id: number) => {
  const article = getArticleForEdit(editor, id)!;
  return {
    headline: article.headline,
    deck: article.deck,
    slug: article.slugLocked ? article.slug : '',
    sectionId: article.sectionId,
    dateline: article.dateline,
    byline: article.byline,
    tags: article.tags,
    leadImage:
      article.leadImageId === null
        ? null
        : {
            mediaId: article.leadImageId,
            alt: article.leadImageAlt,
            caption: article.leadImageCaption,
            credit: article.leadImageCredit,
          },
    body: article.bodyJson,
  } satisfies Record<ArticleField, unknown>;
};

// A slug typed by hand is kept, made unique among articles by the article's id when taken.
function assertStored(field: ArticleField, actual: unknown, sent: unknown) {
  if (field === 'slug') assert.match(String(actual), new RegExp(`^${String(sent)}(-\\d+)*$`), field);
  else assert.deepEqual(actual, sent, field);
}

describe('three-way merge by field', () => {
  test('every pair of fields changed by two sides from one version merges without a conflict', () => {
    const v = values();
    for (const [i, a] of ARTICLE_FIELDS.entries()) {
      for (const b of ARTICLE_FIELDS.slice(i + 1)) {
        const draft = createDraft(reporter);
        const first = save(reporter, {
          articleId: draft.id,
          baseVersion: draft.version,
          changes: { [a]: v[a][0] },
        });
        assert.deepEqual(first.applied, [a], `${a} first`);
        // The editor's page is stale: it still has the draft's first version.
        const second = save(editor, {
          articleId: draft.id,
          baseVersion: draft.version,
          changes: { [b]: v[b][1] },
        });
        assert.deepEqual(second.conflicts, [], `${a} then ${b}`);
        assert.deepEqual(second.applied, [b], `${a} then ${b}`);
        assert.ok(second.version > first.version);
        // The field the other side changed is handed back, so the editor adopts it.
        assert.deepEqual(Object.keys(second.theirs), [a], `${a} then ${b}`);
        assert.deepEqual(second.theirs[a], stored(draft.id)[a]);
        const now = stored(draft.id);
        assertStored(b, now[b], v[b][1]);
        assertStored(a, now[a], v[a][0]);
      }
    }
  });

  test('both sides changing the same field to different values is a conflict, and theirs is kept', () => {
    const v = values();
    for (const field of ARTICLE_FIELDS) {
      const draft = createDraft(reporter);
      const at = new Date('2026-12-01T09:00:00Z');
      save(
        reporter,
        { articleId: draft.id, baseVersion: draft.version, changes: { [field]: v[field][0] } },
        at,
      );
      const before = row(draft.id);
      const result = save(editor, {
        articleId: draft.id,
        baseVersion: draft.version,
        changes: { [field]: v[field][1], byline: field === 'byline' ? v.byline[1] : 'خالد' },
      });
      const conflict = result.conflicts.find((c) => c.field === field);
      assert.ok(conflict, field);
      assert.deepEqual(conflict.theirs, stored(draft.id)[field], field);
      assert.equal(conflict.changedBy.name, 'سارة');
      assert.equal(conflict.changedBy.id, reporter.id);
      assert.equal(conflict.changedAt, at.getTime());
      assert.ok(!result.applied.includes(field), field);
      // Not applied: the stored value is still theirs.
      assertStored(field, stored(draft.id)[field], v[field][0]);
      if (field === 'body') {
        assert.equal(conflict.mine, v.body[1]);
        assert.equal(row(draft.id).bodyJson, before.bodyJson);
      }
    }
  });

  test('both sides giving a field the same value is no conflict', () => {
    const v = values();
    for (const field of ARTICLE_FIELDS) {
      const draft = createDraft(reporter);
      const first = save(reporter, {
        articleId: draft.id,
        baseVersion: draft.version,
        changes: { [field]: v[field][0] },
      });
      const second = save(editor, {
        articleId: draft.id,
        baseVersion: draft.version,
        changes: { [field]: v[field][0] },
      });
      assert.deepEqual(second.conflicts, [], field);
      assert.deepEqual(second.applied, [field], field);
      // Nothing differed from what is stored: no new version.
      assert.equal(second.version, first.version, field);
    }
  });

  test("the issue's case: a stale body edit keeps the other editor's deck, tags and section", () => {
    const draft = createDraft(reporter);
    const base = save(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { headline: 'عنوان', body: body('نص أول') },
    });
    save(editor, {
      articleId: draft.id,
      baseVersion: base.version,
      changes: { deck: 'عنوان فرعي من خالد', tags: ['قمة', 'طاقة'], sectionId: sectionA },
    });
    const stale = save(reporter, {
      articleId: draft.id,
      baseVersion: base.version,
      changes: { body: body('نص أول وكلمة') },
    });
    assert.deepEqual(stale.conflicts, []);
    assert.deepEqual(Object.keys(stale.theirs).sort(), ['deck', 'sectionId', 'tags']);
    const now = stored(draft.id);
    assert.equal(now.deck, 'عنوان فرعي من خالد');
    assert.deepEqual(now.tags, ['قمة', 'طاقة']);
    assert.equal(now.sectionId, sectionA);
    assert.equal(now.body, body('نص أول وكلمة'));
  });

  test('a field that the same save sees unchanged since its base applies even after others saved other fields', () => {
    const draft = createDraft(reporter);
    const a = save(reporter, { articleId: draft.id, baseVersion: draft.version, changes: { deck: 'أ' } });
    const conflict = save(editor, {
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { deck: 'ب' },
    });
    assert.equal(conflict.conflicts.length, 1);
    // "Keep mine": sent again on the version the conflict answer gave, it applies.
    const mine = save(editor, { articleId: draft.id, baseVersion: conflict.version, changes: { deck: 'ب' } });
    assert.deepEqual(mine.conflicts, []);
    assert.ok(mine.version > a.version);
    assert.equal(stored(draft.id).deck, 'ب');
  });

  test('changes another save made are seen by the merge', () => {
    const draft = createDraft(reporter);
    saveFields(editor, {
      articleId: draft.id,
      baseVersion: draft.version,
      headline: 'عنوان المحرر',
      deck: 'عنوان فرعي',
      body: paragraphsToDocument(['نص']),
    });
    const result = save(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { headline: 'عنوان الصحفية', dateline: 'طشقند' },
    });
    assert.deepEqual(
      result.conflicts.map((c) => c.field),
      ['headline'],
    );
    assert.deepEqual(result.applied, ['dateline']);
    assert.deepEqual(Object.keys(result.theirs).sort(), ['body', 'deck']);
  });

  test('a save based on a version the server never had is refused', () => {
    const draft = createDraft(reporter);
    expectActionError(
      () => save(reporter, { articleId: draft.id, baseVersion: draft.version + 5, changes: { deck: 'x' } }),
      'invalid_input',
    );
  });

  test('autosaves through the merge still coalesce into one revision per author per few minutes', () => {
    const draft = createDraft(reporter);
    let version = draft.version;
    const start = new Date('2026-12-01T10:00:00Z').getTime();
    for (let i = 0; i < 5; i++) {
      version = save(
        reporter,
        { articleId: draft.id, baseVersion: version, changes: { body: body(`نص ${i}`) } },
        new Date(start + i * 30_000),
      ).version;
    }
    const revisions = db
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, draft.id))
      .all();
    assert.equal(revisions.length, 1);
  });
});

describe('body patches', () => {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `الفقرة ${i} من تقرير طويل عن القمة في طشقند.`);

  function longDraft() {
    const draft = createDraft(reporter);
    const first = save(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { headline: 'تقرير طويل', body: body(...paragraphs) },
    });
    return { id: draft.id, version: first.version, hash: first.bodyHash };
  }

  test('a one-paragraph patch is spliced in, checked and stored, with its hash and word count', () => {
    const article = longDraft();
    assert.equal(article.hash, bodyHashOf(row(article.id).bodyJson));
    assert.equal(getArticleForEdit(reporter, article.id)!.bodyHash, article.hash);
    const wordsBefore = row(article.id).wordCount;
    const edited = {
      type: 'paragraph',
      attrs: { dir: 'rtl' },
      content: [{ type: 'text', text: 'الفقرة 7 معدلة تماماً.' }],
    };
    const input: SaveArticleInput = {
      articleId: article.id,
      baseVersion: article.version,
      changes: {},
      bodyPatch: { baseBodyHash: article.hash, from: 7, deleteCount: 1, insert: [edited] },
    };
    assert.ok(JSON.stringify(input).length < 400);
    const result = save(reporter, input);
    assert.deepEqual(result.applied, ['body']);
    const doc = JSON.parse(row(article.id).bodyJson) as { content: unknown[] };
    assert.equal(doc.content.length, 400);
    assert.deepEqual(doc.content[7], edited);
    assert.equal(result.bodyHash, bodyHashOf(row(article.id).bodyJson));
    assert.equal(row(article.id).wordCount, wordsBefore - 9 + 4);
    assert.ok(row(article.id).bodyText.includes('الفقرة 7 معدلة تماماً.'));
  });

  test('a patch made on a body that has changed since is refused and changes nothing', () => {
    const article = longDraft();
    // Someone else changes the body in between.
    save(editor, { articleId: article.id, baseVersion: article.version, changes: { body: body('نص آخر') } });
    const before = row(article.id);
    const error = expectActionError(
      () =>
        save(reporter, {
          articleId: article.id,
          baseVersion: article.version,
          changes: { deck: 'يُرفض مع التعديل' },
          bodyPatch: { baseBodyHash: article.hash, from: 0, deleteCount: 1, insert: [] },
        }),
      'body_base_mismatch',
    );
    assert.ok(error instanceof ActionError);
    assert.deepEqual(row(article.id), before);
  });

  test('an invalid patch is refused with a message for the body and nothing is written', () => {
    const article = longDraft();
    const before = row(article.id);
    const revisions = () =>
      db.select().from(articleRevisions).where(eq(articleRevisions.articleId, article.id)).all().length;
    const revisionsBefore = revisions();
    const deep = (levels: number): unknown => {
      let inner: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'عميق' }] };
      for (let i = 0; i < levels; i++)
        inner = { type: 'bulletList', content: [{ type: 'listItem', content: [inner] }] };
      return inner;
    };
    const patches = [
      { from: 0, deleteCount: 1, insert: [{ type: 'script', text: 'alert(1)' }] },
      { from: 0, deleteCount: 1, insert: [{ type: 'image', attrs: { src: 'https://evil.example/x.png' } }] },
      { from: 399, deleteCount: 5, insert: [] },
      { from: 0, deleteCount: 400, insert: [] },
      { from: 3, deleteCount: 0, insert: [deep(700)] },
      { from: 3, deleteCount: 0, insert: ['نص بلا عقدة'] },
    ];
    for (const patch of patches) {
      const error = expectActionError(
        () =>
          save(reporter, {
            articleId: article.id,
            baseVersion: article.version,
            changes: { headline: 'لا يُحفظ' },
            bodyPatch: { baseBodyHash: article.hash, ...patch },
          }),
        'invalid_document',
      );
      assert.ok(error.fieldErrors?.body, JSON.stringify(patch).slice(0, 80));
    }
    assert.deepEqual(row(article.id), before);
    assert.equal(revisions(), revisionsBefore);
  });

  test('a patch whose base is the stored body applies even when the body changed since baseVersion', () => {
    const article = longDraft();
    const other = save(editor, {
      articleId: article.id,
      baseVersion: article.version,
      changes: { body: body(...paragraphs.slice(0, 10)) },
    });
    // The reporter adopted the editor's body (its hash) but still names the older version.
    const result = save(reporter, {
      articleId: article.id,
      baseVersion: article.version,
      changes: {},
      bodyPatch: {
        baseBodyHash: other.bodyHash,
        from: 10,
        deleteCount: 0,
        insert: [{ type: 'paragraph', content: [{ type: 'text', text: 'فقرة جديدة' }] }],
      },
    });
    assert.deepEqual(result.conflicts, []);
    assert.equal((JSON.parse(row(article.id).bodyJson) as { content: unknown[] }).content.length, 11);
  });
});

describe('limits and bad input answer next to their field', () => {
  const draft = () => createDraft(reporter);
  const refused = (changes: Record<string, unknown>, code = 'invalid_input', extra = {}) => {
    const article = draft();
    const before = row(article.id);
    const error = expectActionError(
      () =>
        save(reporter, {
          articleId: article.id,
          baseVersion: article.version,
          changes: changes as ArticleChanges,
          ...extra,
        }),
      code,
    );
    // Nothing changed: not the row, not its version.
    assert.deepEqual(row(article.id), before);
    return error.fieldErrors ?? {};
  };

  test('each size limit names its field in Arabic', () => {
    assert.match(refused({ headline: 'ع'.repeat(301) }).headline!, /العنوان أطول من 300/);
    assert.match(refused({ deck: 'ع'.repeat(501) }).deck!, /العنوان الفرعي أطول/);
    assert.match(refused({ dateline: 'ع'.repeat(101) }).dateline!, /مكان الخبر/);
    assert.match(refused({ byline: 'ع'.repeat(121) }).byline!, /اسم الكاتب/);
    assert.match(refused({ slug: 'ع'.repeat(121) }).slug!, /الرابط المختصر/);
    assert.match(refused({ tags: Array.from({ length: 21 }, (_, i) => `وسم${i}`) }).tags!, /20 وسماً/);
    assert.match(refused({ tags: ['و'.repeat(61)] }).tags!, /الوسم أطول/);
    assert.match(
      refused({ leadImage: { mediaId: imageA, alt: 'ن'.repeat(501), caption: '', credit: '' } }).leadImage!,
      /النص البديل/,
    );
    assert.match(refused({ body: 'x'.repeat(MAX_DOCUMENT_CHARS + 1) }).body!, /نص المقال أطول من الحد/);
  });

  test('a body nested deeper than the limit is refused with its message, at any depth', () => {
    for (const levels of [13, 700, 5000, 20_000]) {
      // Written by hand: JSON.stringify itself overflows the stack on the deepest of these.
      const open = '{"type":"bulletList","content":[{"type":"listItem","content":['.repeat(levels);
      const close = ']}]}'.repeat(levels);
      const paragraph = '{"type":"paragraph","content":[{"type":"text","text":"بند"}]}';
      const serialized = `{"type":"doc","content":[${open}${paragraph}${close}]}`;
      const message = refused({ body: serialized }, 'invalid_document').body!;
      assert.match(message, /متداخل أعمق من المسموح/, String(levels));
    }
    // 12 levels is within the limit.
    let inner: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'بند' }] };
    const item = { type: 'paragraph', content: [{ type: 'text', text: 'بند' }] };
    for (let i = 0; i < 12; i++) {
      inner = {
        type: 'bulletList',
        content: [{ type: 'listItem', content: i === 0 ? [inner] : [item, inner] }],
      };
    }
    const article = draft();
    const ok = save(reporter, {
      articleId: article.id,
      baseVersion: article.version,
      changes: { body: JSON.stringify({ type: 'doc', content: [inner] }) },
    });
    assert.deepEqual(ok.applied, ['body']);
  });

  test('too many images in a body is refused with its message', () => {
    const image = {
      type: 'image',
      attrs: { src: `/media/${'1'.repeat(32)}-640.webp`, alt: 'صورة', caption: '', credit: '' },
    };
    const message = refused(
      { body: JSON.stringify({ type: 'doc', content: Array.from({ length: 101 }, () => image) }) },
      'invalid_document',
    ).body!;
    assert.match(message, /أكثر من 100 صورة/);
  });

  test('a missing section or library image is a message naming the field', () => {
    assert.match(refused({ sectionId: 987654 }).sectionId!, /القسم المختار غير موجود/);
    assert.match(
      refused({ leadImage: { mediaId: 987654, alt: '', caption: '', credit: '' } }).leadImage!,
      /الصورة الرئيسية غير موجودة/,
    );
  });

  test('half a surrogate pair is refused in any field and in the body, never replaced', () => {
    assert.match(refused({ headline: 'عنوان \uD83D' }).headline!, /رمز تالف/);
    assert.match(refused({ tags: ['وسم\uDC00'] }).tags!, /رمز تالف/);
    assert.match(
      refused({ body: JSON.stringify(paragraphsToDocument(['نص \uD800 مكسور'])) }, 'invalid_document').body!,
      /رمز تالف/,
    );
    // A whole emoji (both halves) is a character like any other.
    const article = draft();
    save(reporter, {
      articleId: article.id,
      baseVersion: article.version,
      changes: { headline: 'عنوان 😀' },
    });
    assert.equal(row(article.id).headline, 'عنوان 😀');
  });

  test('a patch together with a whole body is refused', () => {
    const article = draft();
    const fields = refused({ body: body('نص') }, 'invalid_input', {
      bodyPatch: { baseBodyHash: bodyHashOf(row(article.id).bodyJson), from: 0, deleteCount: 0, insert: [] },
    });
    assert.ok(fields.body);
  });
});

describe('bidi-safe text on save', () => {
  test('overrides are removed from every text field, the body text and its image texts; isolates and marks stay', () => {
    const draft = createDraft(reporter);
    const image = {
      type: 'image',
      attrs: {
        src: `/media/${'1'.repeat(32)}-640.webp`,
        alt: 'صورة \u202Eلا\u202C',
        caption: 'التعليق\u202B',
        credit: '\u202Dرويترز',
      },
    };
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'قال \u202Elive\u202C و\u2067Putin\u2069 \u200Fنعم\u200E' }],
        },
        image,
      ],
    };
    save(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      changes: {
        headline: 'عنوان \u202Elive\u202C \u2066ABC\u2069',
        deck: '\u202Aعنوان فرعي',
        dateline: 'طشقند\u202E',
        byline: 'سارة\u061C',
        tags: ['\u202Eوسم'],
        leadImage: { mediaId: imageA, alt: 'بديل\u202E', caption: 'تعليق\u202D', credit: 'رويترز\u202C' },
        body: JSON.stringify(doc),
      },
    });
    const article = row(draft.id);
    assert.equal(article.headline, 'عنوان live \u2066ABC\u2069');
    assert.equal(article.deck, 'عنوان فرعي');
    assert.equal(article.dateline, 'طشقند');
    assert.equal(article.byline, 'سارة\u061C');
    assert.equal(article.leadImageAlt, 'بديل');
    assert.equal(article.leadImageCaption, 'تعليق');
    assert.equal(article.leadImageCredit, 'رويترز');
    assert.deepEqual(getArticleForEdit(reporter, draft.id)!.tags, ['وسم']);
    assert.ok(!/[\u202A-\u202E]/.test(article.bodyJson));
    assert.ok(article.bodyJson.includes('\u2067Putin\u2069 \u200Fنعم\u200E'));
    assert.ok(article.bodyText.includes('قال live و'));
  });
});

describe('tag suggestions', () => {
  test('a tag that no article uses any more is not suggested', () => {
    const draft = createDraft(reporter);
    const first = save(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { tags: ['مهرجان الربيع'] },
    });
    assert.deepEqual(suggestTags(db, 'مهرج', reporter), ['مهرجان الربيع']);
    save(reporter, { articleId: draft.id, baseVersion: first.version, changes: { tags: [] } });
    // The row may stay (its address, old revisions), but nobody is offered it.
    assert.ok(db.select().from(tags).where(eq(tags.name, 'مهرجان الربيع')).get());
    assert.deepEqual(suggestTags(db, 'مهرج', reporter), []);
  });
});

describe('the body merged by block against the base the editor names', () => {
  const paragraphs = [
    'قال الوزير إن الاتفاق وُقّع.',
    'وأضاف أن المفاوضات استمرت.',
    'ونقلت وكالة الأنباء الخبر.',
  ];
  const blocksOf = (serialized: string) => (JSON.parse(serialized) as { content: unknown[] }).content;
  const keysOf = (serialized: string) => blockKeysOf(blocksOf(serialized));
  const textsOf = (serialized: string) =>
    blocksOf(serialized).map((b) => (b as { content?: { text: string }[] }).content?.[0]?.text ?? '');

  function sharedDraft() {
    const draft = createDraft(reporter);
    const start = body(...paragraphs);
    const first = save(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { body: start },
    });
    return { id: draft.id, version: first.version, base: start };
  }

  test('two edits in different paragraphs merge: no conflict, both stored, the merged body returned', () => {
    const article = sharedDraft();
    const editors = body(paragraphs[0]!, paragraphs[1]!, 'ونقلت وكالة الأنباء الخبر عن مصادر رسمية.');
    save(editor, { articleId: article.id, baseVersion: article.version, changes: { body: editors } });
    const reporters = body('قال الوزير صباح اليوم إن الاتفاق وُقّع.', paragraphs[1]!, paragraphs[2]!);
    const result = save(reporter, {
      articleId: article.id,
      baseVersion: article.version,
      changes: { body: reporters },
      bodyBase: keysOf(article.base),
    });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.applied, ['body']);
    const expected = [
      'قال الوزير صباح اليوم إن الاتفاق وُقّع.',
      paragraphs[1],
      'ونقلت وكالة الأنباء الخبر عن مصادر رسمية.',
    ];
    assert.deepEqual(textsOf(row(article.id).bodyJson), expected);
    assert.equal(result.body, row(article.id).bodyJson);
    assert.equal(result.bodyHash, bodyHashOf(row(article.id).bodyJson));
    assert.ok(row(article.id).bodyText.includes('مصادر رسمية'));
    assert.ok(row(article.id).bodyText.includes('صباح اليوم'));
  });

  test('the same paragraph changed on both sides: a conflict of that paragraph alone, nothing written', () => {
    const article = sharedDraft();
    const editors = body(paragraphs[0]!, 'وأضاف أن المفاوضات استمرت ثلاثة أيام.', paragraphs[2]!);
    save(editor, { articleId: article.id, baseVersion: article.version, changes: { body: editors } });
    const before = row(article.id);
    const result = save(reporter, {
      articleId: article.id,
      baseVersion: article.version,
      changes: {
        body: body(paragraphs[0]!, 'وأضاف أن المفاوضات استمرت طوال الليل.', paragraphs[2]!, 'فقرة جديدة.'),
      },
      bodyBase: keysOf(article.base),
    });
    assert.deepEqual(result.applied, []);
    assert.equal(result.conflicts.length, 1);
    const conflict = result.conflicts[0]!;
    assert.equal(conflict.field, 'body');
    assert.equal(conflict.changedBy.name, 'خالد');
    assert.equal(conflict.theirs, editors);
    assert.equal(conflict.blocks?.length, 1);
    const text = (blocks: unknown[]) =>
      blocks.map((b) => (b as { content: { text: string }[] }).content[0]!.text);
    assert.deepEqual(text(conflict.blocks![0]!.theirs), ['وأضاف أن المفاوضات استمرت ثلاثة أيام.']);
    assert.deepEqual(text(conflict.blocks![0]!.mine), ['وأضاف أن المفاوضات استمرت طوال الليل.']);
    assert.equal(result.body, undefined);
    assert.deepEqual(row(article.id), before);
  });

  test('without a base the body is one field, as before: a conflict of the whole body', () => {
    const article = sharedDraft();
    save(editor, {
      articleId: article.id,
      baseVersion: article.version,
      changes: { body: body(paragraphs[0]!, paragraphs[1]!, 'تغيير.') },
    });
    const result = save(reporter, {
      articleId: article.id,
      baseVersion: article.version,
      changes: { body: body('تغيير آخر.', paragraphs[1]!, paragraphs[2]!) },
    });
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.conflicts[0]!.blocks, undefined);
  });

  test('a merge that would pass a limit is refused with its message and writes nothing', () => {
    const article = sharedDraft();
    const half = 'ا'.repeat(Math.floor(MAX_DOCUMENT_CHARS / 2) - 200);
    save(editor, {
      articleId: article.id,
      baseVersion: article.version,
      changes: { body: body(...paragraphs, half) },
    });
    const before = row(article.id);
    const error = expectActionError(
      () =>
        save(reporter, {
          articleId: article.id,
          baseVersion: article.version,
          changes: { body: body(half + 'ب', ...paragraphs) },
          bodyBase: keysOf(article.base),
        }),
      'invalid_document',
    );
    assert.ok(error.fieldErrors?.body);
    assert.deepEqual(row(article.id), before);
  });

  test('a base that is not a list of block keys is refused in Arabic', () => {
    const article = sharedDraft();
    const error = expectActionError(
      () =>
        save(reporter, {
          articleId: article.id,
          baseVersion: article.version,
          changes: { body: article.base },
          bodyBase: ['<script>'],
        }),
      'invalid_input',
    );
    assert.ok(error.fieldErrors);
  });
});
