import type { Metadata } from 'next';
import { ListingView, parsePageNumber } from '../../_ui/listing';
import { readLatest } from '@/lib/reader-data';

export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { n: string }[] {
  return [];
}

type Params = { params: Promise<{ n: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { n } = await params;
  return { title: `آخر الأخبار — صفحة ${n}`, alternates: { canonical: `/page/${n}` } };
}

export default async function LatestPage({ params }: Params) {
  const page = parsePageNumber((await params).n);
  return <ListingView title="آخر الأخبار" basePath="/" feedPath="/feed.xml" list={await readLatest(page)} />;
}
