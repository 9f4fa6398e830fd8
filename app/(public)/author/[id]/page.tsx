import { ListPage, listMetadata, type ListRoute } from '../../_ui/lists';

// Cached; publishing or unpublishing an article listed here refreshes it (lib/reader-cache.ts).
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { id: string }[] {
  return [];
}

export const generateMetadata = (route: ListRoute) => listMetadata('author', route);

export default async function AuthorPage({ params }: ListRoute) {
  return <ListPage kind="author" params={params} />;
}
