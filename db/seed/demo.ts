import { count, eq } from 'drizzle-orm';
import { db } from '@/db';
import { countUsers, createUser, findUserByEmail } from '@/lib/auth/users';
import { articles, media, sections, type User } from '@/db/schema';
import { slugify } from '@/lib/shared/arabic';
import { SAMPLE_COMMENTS, SAMPLE_PICTURE, SAMPLE_VIEWS } from '@/lib/demo/articles';
import { seedDemoDay, type DemoDaySummary, type SampleStory } from '@/lib/demo/day';
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

// Loads the demo newsroom into an empty database: three accounts, then a day of its newsroom
// (lib/demo/day.ts), written through the same queries the newsroom uses. The day is loaded only
// where nothing was ever written (no article, no picture) and the only people are the demo
// accounts, so running the setup again, as every `npm start` does, never adds it twice, and a
// newsroom that has begun its own work is never touched.
export async function seedDemo(
  password = process.env.NEWSROOM_DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT,
  now = new Date(),
): Promise<DemoDaySummary | false> {
  if (countUsers() === 0) {
    ensureSections();
    await Promise.all(DEMO_ACCOUNTS.map((account) => createUser({ ...account, password })));
  }
  const people = DEMO_ACCOUNTS.map((account) => findUserByEmail(account.email));
  const onlyDemoAccounts = people.every(Boolean) && countUsers() === DEMO_ACCOUNTS.length;
  if (!onlyDemoAccounts || rowsIn(articles) > 0 || rowsIn(media) > 0) return false;
  const [reporter, editor, admin] = people as User[];
  return seedDemoDay({ reporter: reporter!, editor: editor!, admin: admin! }, sampleStory(), now);
}

const rowsIn = (table: typeof articles | typeof media) => db.select({ n: count() }).from(table).get()?.n ?? 0;

// The sample article (seed-article.json, the document the project was created from) as one of
// the day's stories, on the date it reports.
function sampleStory(): SampleStory {
  return {
    key: 'sample',
    section: seedArticle.section as SampleStory['section'],
    author: 'reporter',
    headline: seedArticle.headline,
    deck: '',
    dateline: seedArticle.dateline,
    tags: seedArticle.tags,
    body: seedArticle.paragraphs,
    picture: SAMPLE_PICTURE,
    // The fixture gives a wall-clock time without a zone; it is the newsroom's own time.
    publishedAt: zonedWallTimeToDate(seedArticle.publishedAt, newsroomSettings.dates.timeZone),
    views: SAMPLE_VIEWS,
    comments: SAMPLE_COMMENTS,
  };
}
