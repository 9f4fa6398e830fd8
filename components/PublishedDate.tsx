import { publishedDateInner } from '@/lib/reader-html';

// A date as readers see it, in the markup the article page uses too (lib/reader-html.ts).
export function PublishedDate({ date, label }: { date: Date; label?: string }) {
  return <span dangerouslySetInnerHTML={{ __html: publishedDateInner(date, label).value }} />;
}
