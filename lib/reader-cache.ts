import 'server-only';
import { revalidatePath } from 'next/cache';

// Readers' pages are served from Next's cache; this is the one place that says which of them a
// change to an article's public state makes stale. For now every article page and the home page;
// the article id is there so that narrower invalidation (cache tags) can replace this in one place.
export function refreshReaderPages(articleId: number): void {
  void articleId;
  revalidatePath('/');
  revalidatePath('/news/[id]/[[...slug]]', 'page');
}
