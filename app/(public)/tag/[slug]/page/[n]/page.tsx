import { ListPage, listMetadata, type ListRoute } from '../../../../_ui/lists';

export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string; n: string }[] {
  return [];
}

export const generateMetadata = (route: ListRoute) => listMetadata('tag', route);

export default async function TagListPage({ params }: ListRoute) {
  return <ListPage kind="tag" params={params} />;
}
