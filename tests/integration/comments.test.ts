import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { unpublishArticle } from '@/lib/newsroom/workflow';
import {
  COMMENTS_PER_MINUTE,
  addComment,
  commentsStateOf,
  countApprovedComments,
  listApprovedComments,
  listCommentQueue,
  moderateComment,
  setArticleComments,
  setSiteComments,
} from '@/lib/newsroom/comments';
import { createUser } from '@/lib/auth/users';
import type { User } from '@/db/schema';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { COMMENT_MAX, cleanCommentText, commentInput, countLinks } from '@/lib/shared/validation/comment';
import { publishedArticle } from './fixtures';

// Readers' comments on a real SQLite file: held until an editor approves, refused with an Arabic
// message for what a newsroom would not take, closed and gone with an unpublished article.

let reporter: User;
let editor: User;
let admin: User;

before(async () => {
  const person = (role: 'reporter' | 'editor' | 'admin') =>
    createUser({ email: `c-${role}@test.example`, name: role, role, password: 'long-enough-password' });
  [reporter, editor, admin] = await Promise.all([person('reporter'), person('editor'), person('admin')]);
});

function publish(headline: string): number {
  return publishedArticle({ reporter, editor }, headline, { paragraphs: ['نص.'] });
}

const parse = (name: unknown, text: unknown) => commentInput.safeParse({ name, text });
const errorsOf = (name: unknown, text: unknown) => {
  const parsed = parse(name, text);
  assert.equal(parsed.success, false);
  return Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
};
const input = (text: string, name = 'قارئ') => commentInput.parse({ name, text });
let clientSeq = 0;
const newClient = () => `client-${++clientSeq}`;

function refusal(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ActionError, String(error));
    return { code: error.code, ...error.fieldErrors };
  }
  assert.fail('expected a refusal');
}

describe('what a comment may be', () => {
  test('empty, too long, or with more than two links is refused in Arabic, under its field', () => {
    assert.deepEqual(errorsOf('  ', 'نص'), { name: 'اكتب اسمك' });
    assert.deepEqual(errorsOf('قارئ', ' \n\t '), { text: 'اكتب نص التعليق' });
    assert.deepEqual(errorsOf('قارئ', 'ب'.repeat(COMMENT_MAX + 1)), { text: 'التعليق أطول من 2000 حرف' });
    assert.equal(parse('قارئ', 'ب'.repeat(COMMENT_MAX)).success, true);
    // Characters, not UTF-16 units: 2,000 emoji are 2,000 characters.
    assert.equal(parse('قارئ', '😀'.repeat(COMMENT_MAX)).success, true);
    assert.deepEqual(errorsOf('قارئ', 'انظر https://a.example و www.b.example و c.example/x'), {
      text: 'لا يُقبل في التعليق أكثر من رابطين',
    });
    assert.equal(parse('قارئ', 'انظر https://a.example و www.b.example').success, true);
    assert.deepEqual(errorsOf(undefined, 42).name, 'اكتب اسمك');
    assert.equal(countLinks('الإصدار 3.5 من البرنامج'), 0);
  });

  test('bidi overrides and control characters are stripped; markup stays plain text', () => {
    assert.equal(cleanCommentText('\u202Eأهلا\u202C \u2066x\u2069\u0000\r\n\r\n\r\nب'), 'أهلا x\n\nب');
    assert.equal(cleanCommentText('\uD800نص'), '\uFFFDنص');
    assert.equal(input('<script>alert(1)</script>').text, '<script>alert(1)</script>');
  });
});

describe('comments on an article', () => {
  test('a comment is held until an editor approves it, then shown and counted', () => {
    const id = publish('خبر للتعليقات');
    const held = addComment(id, input('تعليق أول <b>جريء</b>', 'سلمى'), newClient());
    const rejected = addComment(id, input('تعليق مسيء'), newClient());
    assert.deepEqual(listApprovedComments(id), []);
    assert.equal(countApprovedComments(id), 0);
    assert.deepEqual(
      listCommentQueue(id).map((c) => c.id),
      [held.id, rejected.id],
      'oldest first',
    );
    assert.ok(listCommentQueue().some((c) => c.id === held.id && c.headline === 'خبر للتعليقات'));

    assert.throws(() => moderateComment(reporter, held.id, 'approve'), ForbiddenError);
    moderateComment(editor, held.id, 'approve');
    moderateComment(admin, rejected.id, 'reject');
    assert.deepEqual(
      refusal(() => moderateComment(editor, held.id, 'reject')),
      { code: 'not_found' },
    );
    assert.deepEqual(
      listApprovedComments(id).map((c) => [c.name, c.text]),
      [['سلمى', 'تعليق أول <b>جريء</b>']],
    );
    assert.equal(countApprovedComments(id), 1);
    assert.deepEqual(listCommentQueue(id), []);
  });

  test('the same text twice is refused, however it is spelled', () => {
    const id = publish('خبر للتكرار');
    addComment(id, input('مقالٌ رائع جدا'), newClient());
    assert.deepEqual(
      refusal(() => addComment(id, input('  مقال   رائع جدّا '), newClient())),
      { code: 'invalid_input', text: 'وصل هذا التعليق من قبل.' },
    );
    // On another article the same words are a new comment.
    addComment(publish('خبر آخر للتكرار'), input('مقالٌ رائع جدا'), newClient());
  });

  test('more than a few comments a minute from one client are refused', () => {
    const id = publish('خبر لحد الدقيقة');
    const client = newClient();
    const t0 = new Date();
    for (let i = 0; i < COMMENTS_PER_MINUTE; i++) addComment(id, input(`تعليق رقم ${i}`), client, t0);
    assert.deepEqual(
      refusal(() => addComment(id, input('تعليق زائد'), client, t0)),
      {
        code: 'invalid_input',
        text: 'أرسلت تعليقات كثيرة خلال دقيقة؛ انتظر قليلًا ثم أعد المحاولة.',
      },
    );
    addComment(id, input('تعليق من قارئ آخر'), newClient(), t0);
    addComment(id, input('تعليق بعد دقيقة'), client, new Date(t0.getTime() + 61_000));
  });

  test('admins close comments on one article or the whole site; editors may not', () => {
    const id = publish('خبر تُغلق تعليقاته');
    assert.throws(() => setArticleComments(editor, id, true), ForbiddenError);
    assert.throws(() => setSiteComments(editor, false), ForbiddenError);
    setArticleComments(admin, id, true);
    assert.equal(commentsStateOf(id), 'closed_article');
    assert.deepEqual(
      refusal(() => addComment(id, input('هل يُقبل؟'), newClient())),
      {
        code: 'invalid_input',
        form: 'التعليقات مغلقة على هذا المقال.',
      },
    );
    setArticleComments(admin, id, false);
    addComment(id, input('يُقبل الآن'), newClient());

    setSiteComments(admin, false);
    try {
      assert.equal(commentsStateOf(id), 'closed_site');
      assert.equal(refusal(() => addComment(id, input('والآن؟'), newClient())).code, 'invalid_input');
    } finally {
      setSiteComments(admin, true);
    }
    assert.equal(commentsStateOf(id), 'open');
  });

  test('comments close on unpublish and vanish with it', () => {
    const id = publish('خبر يُلغى نشره مع تعليقاته');
    const c = addComment(id, input('تعليق سيختفي'), newClient());
    moderateComment(editor, c.id, 'approve');
    assert.equal(countApprovedComments(id), 1);
    unpublishArticle(editor, id);
    assert.deepEqual(listApprovedComments(id), []);
    assert.equal(countApprovedComments(id), 0);
    assert.equal(commentsStateOf(id), 'not_published');
    assert.deepEqual(
      refusal(() => addComment(id, input('بعد الإلغاء'), newClient())),
      { code: 'not_found' },
    );
    assert.deepEqual(
      refusal(() => addComment(999_999, input('لا مقال'), newClient())),
      { code: 'not_found' },
    );
  });
});
