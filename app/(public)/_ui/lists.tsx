import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAuthorName, getSectionBySlug, getTagBySlug } from '@/db/queries/public';
import { readAuthor, readSection, readTag } from '@/lib/reader-data';
import { parseId, safeDecode } from '@/lib/urls';
import { ListingView, pagePath, parsePageNumber } from './listing';

// Section, tag and author lists: one renderer for page 1 (/section/<slug>) and the pages after it
// (/section/<slug>/page/<n>). The lookups run only when Next (re)renders the cached page.

type ListParams = { slug?: string; id?: string; n?: string };
export type ListRoute = { params: Promise<ListParams> };
type Kind = 'section' | 'tag' | 'author';

const enc = encodeURIComponent;

async function loadList(kind: Kind, p: ListParams) {
  const page = parsePageNumber(p.n);
  if (kind === 'author') {
    const authorId = parseId(p.id ?? '');
    if (!authorId) notFound();
    const list = await readAuthor(authorId, page);
    // Only people with published work have a reader page.
    const name = list.total > 0 ? getAuthorName(authorId) : undefined;
    if (!name) notFound();
    return { title: `الكاتب: ${name}`, basePath: `/author/${authorId}`, feedPath: undefined, list };
  }
  const slug = safeDecode(p.slug ?? '');
  if (kind === 'section') {
    const section = getSectionBySlug(slug);
    if (!section) notFound();
    const basePath = `/section/${enc(section.slug)}`;
    const list = await readSection(section.id, page);
    return { title: section.name, basePath, feedPath: `${basePath}/feed.xml`, list };
  }
  const tag = getTagBySlug(slug);
  if (!tag) notFound();
  const basePath = `/tag/${enc(tag.slug)}`;
  const list = await readTag(tag.id, tag.name, page);
  return { title: `الوسم: ${tag.name}`, basePath, feedPath: `${basePath}/feed.xml`, list };
}

export async function listMetadata(kind: Kind, { params }: ListRoute): Promise<Metadata> {
  const p = await params;
  const { title, basePath, feedPath, list } = await loadList(kind, p);
  return {
    title: list.page > 1 ? `${title} — صفحة ${list.page}` : title,
    alternates: {
      canonical: pagePath(basePath, list.page),
      types: feedPath
        ? {
            'application/rss+xml': feedPath,
            'application/atom+xml': feedPath.replace(/feed\.xml$/, 'atom.xml'),
          }
        : undefined,
    },
  };
}

export async function ListPage({ kind, params }: { kind: Kind; params: ListRoute['params'] }) {
  const loaded = await loadList(kind, await params);
  return <ListingView {...loaded} />;
}
