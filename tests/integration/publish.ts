import {
  approveArticle,
  createDraft,
  publishArticle,
  saveDraft,
  submitForReview,
  type DraftChanges,
} from '@/lib/newsroom/articles';
import type { User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { testSection } from './section';

export type ArticleFields = Partial<
  Omit<DraftChanges, 'articleId' | 'baseVersion' | 'headline' | 'body' | 'bodyText'>
>;

// An article written by `reporter` and published by `editor` through the workflow's own queries
// (draft → review → approved → published), as the integration tests need one: its paragraphs
// (by default one naming the headline), in the test section unless `fields` says otherwise,
// published at `at`. Returns its id.
export function publishedArticle(
  people: { reporter: User; editor: User },
  headline: string,
  {
    paragraphs = [`نص ${headline}`],
    at = new Date(),
    ...fields
  }: { paragraphs?: string[]; at?: Date } & ArticleFields = {},
): number {
  const { reporter, editor } = people;
  const draft = createDraft(reporter);
  saveDraft(reporter, {
    articleId: draft.id,
    baseVersion: draft.version,
    headline,
    body: paragraphsToDocument(paragraphs),
    bodyText: paragraphs.join('\n\n'),
    wordCount: paragraphs.join(' ').split(/\s+/).filter(Boolean).length,
    sectionId: testSection(),
    ...fields,
  });
  submitForReview(reporter, draft.id);
  approveArticle(editor, draft.id);
  publishArticle(editor, draft.id, at);
  return draft.id;
}
