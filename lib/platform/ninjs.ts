import type { ApiArticle, ApiArticleSummary } from '@/lib/platform/content';

// IPTC ninjs 2.1 (https://www.iptc.org/std/ninjs/), the news JSON agencies and Superdesk speak:
// the Content API's articles in that shape when asked (Accept: application/ninjs+json or
// ?format=ninjs). Pure, and unit-tested field by field (tests/unit/ninjs.test.ts).

export const NINJS_CONTENT_TYPE = 'application/ninjs+json; charset=utf-8';
export const NINJS_STANDARD = {
  name: 'ninjs',
  version: '2.1',
  schema: 'https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json',
} as const;

export type NinjsItem = {
  $standard: typeof NINJS_STANDARD;
  uri: string;
  type: 'text';
  profile?: string;
  version?: string;
  firstcreated: string;
  versioncreated: string;
  contentcreated?: string;
  pubstatus: 'usable';
  language: string;
  headlines: { value: string; role: string; contenttype: string }[];
  descriptions?: { value: string; role: string; contenttype: string }[];
  bodies?: { value: string; role: string; contenttype: string; charcount?: number; wordcount?: number }[];
  by?: string;
  located?: string;
  subjects?: { name: string; uri: string; rel?: string }[];
  genres?: { name: string; uri?: string }[];
  people?: { name: string; uri: string; rel: string }[];
  associations?: Record<string, NinjsPicture>;
  renditions?: Record<string, { href: string; contenttype: string }>;
};

type NinjsPicture = {
  uri: string;
  type: 'picture';
  headlines?: { value: string; role: string }[];
  descriptions?: { value: string; role: string }[];
  copyrightholder?: string;
  renditions: Record<string, { href: string; width: number; height: number; contenttype: string }>;
};

const text = (value: string, role: string, contenttype = 'text/plain') => ({ value, role, contenttype });

export function toNinjs(article: ApiArticle | ApiArticleSummary): NinjsItem {
  const full = 'body_html' in article ? article : null;
  const item: NinjsItem = {
    $standard: NINJS_STANDARD,
    uri: article.url,
    type: 'text',
    firstcreated: article.published_at,
    versioncreated: article.updated_at ?? article.published_at,
    pubstatus: 'usable',
    language: 'ar',
    headlines: [text(article.headline, 'main')],
    renditions: { html: { href: article.url, contenttype: 'text/html' } },
  };
  if (article.deck) item.descriptions = [text(article.deck, 'summary')];
  if (article.byline) item.by = article.byline;
  if (article.dateline) item.located = article.dateline;
  const subjects: NonNullable<NinjsItem['subjects']> = [];
  if (article.section)
    subjects.push({ name: article.section.name, uri: article.section.url, rel: 'section' });
  if (full) {
    for (const tag of full.tags) subjects.push({ name: tag.name, uri: tag.url, rel: 'tag' });
    item.bodies = [
      {
        ...text(full.body_html, 'main', 'text/html'),
        charcount: [...full.body_text].length,
        wordcount: full.body_text.split(/\s+/u).filter(Boolean).length,
      },
    ];
    item.people = [{ name: full.author.name, uri: full.author.url, rel: 'author' }];
    const image = full.lead_image;
    if (image) {
      item.associations = {
        featureimage: {
          uri: image.url,
          type: 'picture',
          ...(image.alt ? { headlines: [{ value: image.alt, role: 'alternative' }] } : {}),
          ...(image.caption ? { descriptions: [{ value: image.caption, role: 'caption' }] } : {}),
          ...(image.credit ? { copyrightholder: image.credit } : {}),
          renditions: Object.fromEntries(
            image.renditions.map((r) => [
              `w${r.width}`,
              { href: r.url, width: r.width, height: r.height, contenttype: 'image/webp' },
            ]),
          ),
        },
      };
    }
  }
  if (subjects.length > 0) item.subjects = subjects;
  return item;
}

// Whether a request asks for ninjs: the parameter wins, then the Accept header.
export function wantsNinjs(format: string | undefined, accept: string | null): boolean {
  if (format) return format === 'ninjs';
  return !!accept && /application\/ninjs\+json/i.test(accept);
}
