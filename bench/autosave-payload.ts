// Issue 8, "Speed": the bytes of one autosave for a one-letter change in a 5,000-word Arabic
// article, before (saveDraftAction: the whole document and every field, as the editor sent it)
// and after (saveArticleAction: only the changed fields, and the body as a patch of the one
// top-level block that changed), in the same run. Both are measured as the request body React's
// encodeReply writes for them (the JSON of the argument list), in UTF-8 bytes. The patch is
// applied on a real, freshly migrated SQLite file through the server's own merge
// (parseArticleSave + saveArticle), and the stored body must equal the whole edited document.
// Run: npx tsx --conditions=react-server bench/autosave-payload.ts
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { JSONContent } from '@tiptap/core';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = path.join(ROOT, 'tmp', 'bench-autosave-payload');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
process.env.DATABASE_PATH = path.join(dir, 'newsroom.db');
const { migrateDatabase, openDatabase } = await import('@/db/connection');
const migrating = openDatabase();
migrateDatabase(migrating);
migrating.$client.close();

// Imported after the environment names the bench database.
const { createDraft } = await import('@/lib/newsroom/articles');
const { saveArticle } = await import('@/lib/newsroom/save');
const { createUser } = await import('@/lib/auth/users');
const { countWords } = await import('@/lib/shared/arabic');
const { checkArticleDocument, paragraphsToDocument } = await import('@/lib/document/check');
const { parseArticleSave } = await import('@/lib/newsroom/save-request');

const seed = JSON.parse(readFileSync(path.join(ROOT, 'db/seed/seed-article.json'), 'utf8')) as {
  headline: string;
  dateline: string;
  tags: string[];
  paragraphs: string[];
};
const paragraphs: string[] = [];
while (countWords(paragraphs.join(' ')) < 5000) paragraphs.push(...seed.paragraphs);
const stored = (doc: JSONContent) => {
  const checked = checkArticleDocument(doc);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.json;
};
const base = stored(paragraphsToDocument(paragraphs));

// One letter typed inside a word in the middle of the article.
const changedBlock = Math.floor(paragraphs.length / 2);
const edited = structuredClone(base);
const text = edited.content![changedBlock]!.content![0]!;
const at = text.text!.indexOf(' ', 40);
text.text = `${text.text!.slice(0, at)}ة${text.text!.slice(at)}`;

const fields = {
  headline: seed.headline,
  deck: 'قمة منظمة شنغهاي للتعاون في طشقند تبحث التجارة والطاقة',
  dateline: seed.dateline,
  byline: 'سارة الصحفية',
  sectionId: 1,
  slug: undefined,
  tags: seed.tags,
  leadImage: { mediaId: 1, alt: 'قاعة المؤتمر', caption: 'الوفود في الافتتاح', credit: 'رويترز' },
};
const bytes = (args: unknown[]) => Buffer.byteLength(JSON.stringify(args), 'utf8');

const before = bytes([{ articleId: 42, baseVersion: 17, ...fields, body: JSON.stringify(edited) }]);

const reporter = await createUser({
  email: 'bench@payload.example',
  name: 'سارة',
  role: 'reporter',
  password: 'long-enough-password',
});
const draft = createDraft(reporter);
const first = saveArticle(
  reporter,
  parseArticleSave({
    articleId: draft.id,
    baseVersion: draft.version,
    changes: { headline: fields.headline, body: JSON.stringify(base) },
  }),
);
const input = {
  articleId: draft.id,
  baseVersion: first.version,
  changes: {},
  bodyPatch: {
    baseBodyHash: first.bodyHash,
    from: changedBlock,
    deleteCount: 1,
    insert: [edited.content![changedBlock]],
  },
};
const after = bytes([input]);
const saved = saveArticle(reporter, parseArticleSave(input));
const { db } = await import('@/db');
const { articles } = await import('@/db/schema');
const { eq } = await import('drizzle-orm');
const row = db.select().from(articles).where(eq(articles.id, draft.id)).get()!;
if (row.bodyJson !== JSON.stringify(edited) || !saved.applied.includes('body')) {
  throw new Error('the patched body is not the edited document');
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log(
  `document: ${countWords(paragraphs.join(' '))} words, ${paragraphs.length} paragraphs, ${kB(JSON.stringify(base).length)} JSON`,
);
console.log(`before (saveDraftAction: whole document + every field): ${before} bytes (${kB(before)})`);
console.log(`after  (saveArticleAction: changed fields + body patch): ${after} bytes`);
console.log(`ratio after / before: ${((after / before) * 100).toFixed(2)} % (aim <= 10 %)`);
console.log('the patch, applied by the server on SQLite, stored exactly the edited document: yes');
