import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import * as changePasswordActions from '@/app/(auth)/change-password/actions';
import * as articleActions from '@/app/(newsroom)/newsroom/articles/actions';
import * as peopleActions from '@/app/(newsroom)/newsroom/people/actions';
import * as uploadsRoute from '@/app/api/uploads/route';
import { db } from '@/db';
import { createDraft } from '@/lib/newsroom/articles';
import { approveArticle, submitForReview } from '@/lib/newsroom/workflow';
import { createUser } from '@/lib/auth/users';
import { articles, media, users, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { DOOR, type RequestFacts } from '@/lib/http/door';
import { ERROR_MESSAGES, HTTP_STATUS } from '@/lib/shared/errors';
import { testSection } from './section';
import { callAction, sameOriginFacts, saveFields } from './fixtures';

// Issue 15.3: a first password (or one an admin reset) must be changed before anything else — in
// the doors, not only in the newsroom layout's redirect, since an action or route can be called
// without loading any page.

process.env.MEDIA_DIR = mkdtempSync(path.join(tmpdir(), 'newsroom-first-password-media-'));

type RouteRunner = { [DOOR]: { runAs: (facts: RequestFacts, request: Request) => Promise<Response> } };

const PASSWORD = 'first-password-2026';

let editor: User;
let admin: User;
let target: User;

async function mustChange(email: string, role: User['role']): Promise<User> {
  const user = await createUser({ email, name: email, role, password: PASSWORD });
  db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id)).run();
  return db.select().from(users).where(eq(users.id, user.id)).get()!;
}

before(async () => {
  editor = await mustChange('first-editor@first.example', 'editor');
  admin = await mustChange('first-admin@first.example', 'admin');
  target = await createUser({
    email: 'target@first.example',
    name: 'هدف',
    role: 'reporter',
    password: PASSWORD,
  });
});

describe('a member who must change the password an admin chose', () => {
  test('cannot create, publish or promote: refused in Arabic with its own code, nothing changes', async () => {
    const before = db.select().from(articles).all().length;
    const created = await callAction(articleActions.createDraftAction, editor, {});
    assert.equal(created.ok, false);
    assert.equal(created.code, 'password_change_required');
    assert.equal(created.message, ERROR_MESSAGES.password_change_required);
    assert.equal(db.select().from(articles).all().length, before);

    // An approved article, ready for this editor to publish.
    const owner = await createUser({
      email: 'owner@first.example',
      name: 'مالك',
      role: 'reporter',
      password: PASSWORD,
    });
    const draft = createDraft(owner);
    saveFields(owner, {
      articleId: draft.id,
      baseVersion: draft.version,
      headline: 'عنوان',
      body: paragraphsToDocument(['نص.']),
      sectionId: testSection(),
    });
    submitForReview(owner, draft.id);
    const ready = await createUser({
      email: 'ready@first.example',
      name: 'محرر',
      role: 'editor',
      password: PASSWORD,
    });
    approveArticle(ready, draft.id);
    const published = await callAction(articleActions.publishArticleAction, editor, { articleId: draft.id });
    assert.equal(published.code, 'password_change_required');
    assert.equal(db.select().from(articles).where(eq(articles.id, draft.id)).get()!.status, 'approved');

    const promoted = await callAction(peopleActions.changeRoleAction, admin, {
      userId: target.id,
      role: 'admin',
    });
    assert.equal(promoted.code, 'password_change_required');
    assert.equal(db.select().from(users).where(eq(users.id, target.id)).get()!.role, 'reporter');
  });

  test('cannot upload: 403 with the Arabic message, nothing stored', async () => {
    const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.set('file', new File([new Uint8Array(jpeg)], 'صورة.jpg', { type: 'image/jpeg' }));
    const request = new Request('http://127.0.0.1:3000/api/uploads', { method: 'POST', body: form });
    const mediaBefore = db.select().from(media).all().length;
    const response = await (uploadsRoute.POST as unknown as RouteRunner)[DOOR].runAs(
      sameOriginFacts(editor),
      request,
    );
    assert.equal(response.status, HTTP_STATUS.password_change_required);
    const body = (await response.json()) as { code: string; message: string };
    assert.equal(body.code, 'password_change_required');
    assert.equal(body.message, ERROR_MESSAGES.password_change_required);
    assert.equal(db.select().from(media).all().length, mediaBefore);
  });

  test('may change it, and then works as before', async () => {
    const changed = await callAction(changePasswordActions.changeOwnPasswordAction, editor, {
      current: PASSWORD,
      password: 'my-own-password-2026',
      confirm: 'my-own-password-2026',
    });
    assert.deepEqual(changed, { ok: true, data: { changed: true } });
    const now = db.select().from(users).where(eq(users.id, editor.id)).get()!;
    assert.equal(now.mustChangePassword, false);
    const created = await callAction(articleActions.createDraftAction, now, {});
    assert.equal(created.ok, true);
  });
});
