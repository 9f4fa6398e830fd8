import { ListPage, listMetadata, type ListRoute } from '../../../../_ui/lists';

export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { id: string; n: string }[] {
  return [];
}

export const generateMetadata = (route: ListRoute) => listMetadata('author', route);

export default async function AuthorListPage({ params }: ListRoute) {
  return <ListPage kind="author" params={params} />;
}
