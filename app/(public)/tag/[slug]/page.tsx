import { ListPage, listMetadata, type ListRoute } from '../../_ui/lists';

// Cached; publishing or unpublishing an article listed here refreshes it (lib/reader-cache.ts).
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export const generateMetadata = (route: ListRoute) => listMetadata('tag', route);

export default async function TagPage({ params }: ListRoute) {
  return <ListPage kind="tag" params={params} />;
}
