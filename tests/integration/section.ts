import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { sections } from '@/db/schema';

// Publishing needs a section (lib/newsroom/workflow.ts): one for the articles a test publishes.
export function testSection(): number {
  const slug = 'قسم-الاختبار';
  const found = db.select({ id: sections.id }).from(sections).where(eq(sections.slug, slug)).get();
  return found?.id ?? db.insert(sections).values({ slug, name: 'قسم الاختبار' }).returning().get().id;
}
