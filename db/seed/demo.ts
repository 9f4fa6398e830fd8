import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { createDraft } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { countUsers, createUser } from '@/lib/auth/users';
import { sections } from '@/db/schema';
import { slugify } from '@/lib/shared/arabic';
import { paragraphsToDocument } from '@/lib/document/check';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { newsroomSettings, zonedWallTimeToDate } from '@/lib/shared/settings';
import seedArticle from './seed-article.json' with { type: 'json' };

export const DEMO_PASSWORD_DEFAULT = 'newsroom-demo';

export const DEMO_ACCOUNTS = [
  { email: 'reporter@newsroom.test', name: 'سارة الصحفية', role: 'reporter' },
  { email: 'editor@newsroom.test', name: 'خالد المحرر', role: 'editor' },
  { email: 'admin@newsroom.test', name: 'منى المديرة', role: 'admin' },
] as const;

export const DEMO_SECTIONS = ['دولي', 'محلي', 'اقتصاد', 'رياضة', 'ثقافة'];

export function ensureSections(): void {
  DEMO_SECTIONS.forEach((name, position) => {
    const slug = slugify(name);
    if (!db.select().from(sections).where(eq(sections.slug, slug)).get()) {
      db.insert(sections).values({ name, slug, position }).run();
    }
  });
}

// Loads the demo newsroom into an empty database: three accounts and the sample article,
// published through the same queries the newsroom uses.
export async function seedDemo(password = process.env.NEWSROOM_DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT) {
  if (countUsers() > 0) return false;
  ensureSections();
  const [reporter, editor] = await Promise.all(
    DEMO_ACCOUNTS.map((account) => createUser({ ...account, password })),
  );
  const section = db.select().from(sections).where(eq(sections.name, seedArticle.section)).get();
  // The fixture gives a wall-clock time without a zone; it is the newsroom's own time.
  const publishedAt = zonedWallTimeToDate(seedArticle.publishedAt, newsroomSettings.dates.timeZone);
  const draft = createDraft(reporter!, publishedAt);
  // Saved as a journalist's autosave is: the door's parse (the document checked, its text and
  // word count derived) and the newsroom's save.
  const save = parseArticleSave({
    articleId: draft.id,
    baseVersion: draft.version,
    changes: {
      headline: seedArticle.headline,
      dateline: seedArticle.dateline,
      sectionId: section?.id ?? null,
      tags: seedArticle.tags,
      body: JSON.stringify(paragraphsToDocument(seedArticle.paragraphs)),
    },
  });
  saveArticle(reporter!, save, publishedAt);
  submitForReview(reporter!, draft.id, publishedAt);
  approveArticle(editor!, draft.id, publishedAt);
  publishArticle(editor!, draft.id, publishedAt);
  return true;
}
