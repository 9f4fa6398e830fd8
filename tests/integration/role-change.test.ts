import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as articleActions from '@/app/(newsroom)/newsroom/articles/actions';
import { db } from '@/db';
import { articles, users, type User } from '@/db/schema';
import { sessionStateFor } from '@/lib/auth/session';
import { createUser } from '@/lib/auth/users';
import { changeRole } from '@/lib/newsroom/people';
import { roleChangedMessage } from '@/lib/shared/state-change';
import { callAction, writeArticle } from './fixtures';

// Issue 19, "Defects on the desk": changing a member's role signed them out mid-edit («انتهت
// الجلسة»). Now their session goes on under the new role, their next save is accepted, and the
// open editor's heartbeat answers with the role, so the page can say it changed.

let admin: User;
let member: User;
let editor: User;
before(async () => {
  admin = await createUser({
    email: 'rc-a@test.example',
    name: 'مديرة',
    role: 'admin',
    password: 'long-enough-password',
  });
  member = await createUser({
    email: 'rc-m@test.example',
    name: 'كاتب',
    role: 'reporter',
    password: 'long-enough-password',
  });
  editor = await createUser({
    email: 'rc-e@test.example',
    name: 'محررة',
    role: 'editor',
    password: 'long-enough-password',
  });
});

test('a promoted reporter keeps their session, and the text they go on typing is saved', async () => {
  const claims = { userId: member.id, sessionVersion: member.sessionVersion };
  const draft = writeArticle(member, { headline: 'أكتب ودوري يتغير', paragraphs: ['الفقرة الأولى'] });
  changeRole(admin, member.id, 'editor');

  const state = sessionStateFor(claims);
  assert.ok('user' in state, 'the session is not ended');
  assert.equal(state.user.role, 'editor');

  // The editor's heartbeat answers with the new role.
  const beat = await callAction(articleActions.articlePresenceAction, claims, {
    articleId: draft.id,
    tabId: 'tab-role-change-1',
  });
  assert.equal(beat.ok, true);
  assert.equal((beat.data as { role: string }).role, 'editor');

  // The autosave that follows is accepted (it was «انتهت الجلسة»).
  const saved = await callAction(articleActions.saveArticleAction, claims, {
    articleId: draft.id,
    baseVersion: draft.version,
    changes: { headline: 'أكتب ودوري تغيّر' },
  });
  assert.equal(saved.ok, true, JSON.stringify(saved));
  assert.equal(
    db.select().from(articles).where(eq(articles.id, draft.id)).get()!.headline,
    'أكتب ودوري تغيّر',
  );
});

test('a demotion takes effect at the next request: the page is told the role, not shown the article', async () => {
  const claims = { userId: editor.id, sessionVersion: editor.sessionVersion };
  const other = writeArticle(member, { headline: 'مقال زميل', paragraphs: ['نص'] });
  changeRole(admin, editor.id, 'reporter');
  const beat = await callAction(articleActions.articlePresenceAction, claims, {
    articleId: other.id,
    tabId: 'tab-role-change-2',
  });
  // Refused (they may no longer see it), with the role the page is told.
  assert.equal(beat.code, 'forbidden');
  assert.deepEqual(beat.current, { role: 'reporter' });
  // Someone else's draft is no longer theirs to edit: refused, and nothing changes.
  const refused = await callAction(articleActions.saveArticleAction, claims, {
    articleId: other.id,
    baseVersion: other.version,
    changes: { headline: 'تعديل بعد التخفيض' },
  });
  assert.equal(refused.code, 'forbidden');
  assert.equal(db.select().from(articles).where(eq(articles.id, other.id)).get()!.headline, 'مقال زميل');
  assert.equal(
    db.select().from(users).where(eq(users.id, editor.id)).get()!.sessionVersion,
    editor.sessionVersion,
  );
});

test('the message names the new role in Arabic', () => {
  assert.match(
    roleChangedMessage('editor'),
    /^غيّر مدير غرفة الأخبار دورك إلى «محرر»\. ما زلت في جلستك ولم يضع شيء مما كتبته/,
  );
  assert.match(roleChangedMessage('reporter'), /«صحفي»/);
});
