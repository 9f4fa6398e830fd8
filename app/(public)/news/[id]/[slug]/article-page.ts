import 'server-only';
import type { LeadImage, PublishedArticle, PublishedSummary, RevisionNote } from '@/lib/reader/queries';
import type { ReaderTag } from '@/lib/reader/queries';
import { openingWords } from '@/lib/shared/arabic';
import {
  CAPTION_CLASS,
  CAPTION_SEPARATOR,
  CAPTION_SEPARATOR_CLASS,
  CREDIT_CLASS,
} from '@/lib/document/image';
import { html, trustedHtml, type Html } from '@/lib/reader/html';
import { mediaSrc, mediaSrcSet, mediaUrl } from '@/lib/shared/media-urls';
import {
  READER_IMAGE_SIZES,
  notFoundHtml,
  publishedDateHtml,
  readerDocument,
  sectionPath,
  storyGridHtml,
} from '@/lib/reader/templates';
import { ARTICLE_SCRIPT } from '@/lib/reader/scripts';
import { absoluteUrl, newsroomSettings } from '@/lib/shared/settings';
import { articlePath } from '@/lib/shared/urls';

// The article page as one HTML document: what a reader landing from a search engine or a shared
// link needs, and no framework JavaScript. Its only script is ARTICLE_SCRIPT (lib/reader/scripts.ts,
// about 3 kB): the view beacon, the counts and comments, and the share links. Lighthouse (bench/lighthouse.ts) measured the
// React version of this page at performance 66–71, most of it the framework's hydration.

const largest = (image: LeadImage) => image.variants.at(-1)!;

// What search engines and link previews show under the headline: the deck, or the body's opening.
const descriptionOf = (article: PublishedArticle) => article.deck || openingWords(article.bodyText);

// JSON for a <script> element: "<" escaped so no text in the article can close the element.
const scriptJson = (data: unknown) => trustedHtml(JSON.stringify(data).replace(/</g, '\\u003c'));

function newsArticleJsonLd(article: PublishedArticle): Html {
  const url = absoluteUrl(articlePath(article));
  return scriptJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.headline,
    description: descriptionOf(article) || undefined,
    inLanguage: 'ar',
    datePublished: article.publishedAt.toISOString(),
    dateModified: (article.updatedAt ?? article.publishedAt).toISOString(),
    author: [
      { '@type': 'Person', name: article.authorName, url: absoluteUrl(`/author/${article.authorId}`) },
    ],
    image: article.leadImage ? [absoluteUrl(mediaUrl(largest(article.leadImage).file))] : undefined,
    articleSection: article.sectionName ?? undefined,
    keywords: article.tags.length > 0 ? article.tags.join('، ') : undefined,
    publisher: { '@type': 'NewsMediaOrganization', name: newsroomSettings.name, url: absoluteUrl('/') },
  });
}

// OpenGraph and Twitter cards (the canonical address and feeds come with every reader page).
function articleHead(article: PublishedArticle): Html {
  const url = absoluteUrl(articlePath(article));
  const image = article.leadImage ? largest(article.leadImage) : null;
  const imageUrl = image ? absoluteUrl(mediaUrl(image.file)) : null;
  const meta = (property: string, content: string | null | undefined) =>
    content ? html`<meta property="${property}" content="${content}" />` : null;
  const named = (name: string, content: string | null | undefined) =>
    content ? html`<meta name="${name}" content="${content}" />` : null;
  const description = descriptionOf(article);
  return html`${meta('og:type', 'article')} ${meta('og:url', url)} ${meta('og:title', article.headline)}
    ${meta('og:description', description)} ${meta('og:site_name', newsroomSettings.name)}
    ${meta('og:locale', 'ar')} ${meta('article:published_time', article.publishedAt.toISOString())}
    ${meta('article:modified_time', (article.updatedAt ?? article.publishedAt).toISOString())}
    ${meta('article:author', article.authorName)} ${meta('article:section', article.sectionName)}
    ${article.tags.map((tag) => meta('article:tag', tag))} ${meta('og:image', imageUrl)}
    ${image ? [meta('og:image:width', String(image.width)), meta('og:image:height', String(image.height))] : null}
    ${meta('og:image:alt', article.leadImage?.alt)}
    ${named('twitter:card', image ? 'summary_large_image' : 'summary')}
    ${named('twitter:title', article.headline)} ${named('twitter:description', description)}
    ${named('twitter:image', imageUrl)}
    <script type="application/ld+json">
      ${newsArticleJsonLd(article)}
    </script>`;
}

function leadImageHtml(image: LeadImage): Html {
  // The upload already made the web sizes (lib/newsroom/uploads.ts).
  return html`<figure class="lead-image">
    <img
      src="${mediaSrc(image.variants)}"
      srcset="${mediaSrcSet(image.variants)}"
      sizes="${READER_IMAGE_SIZES.article}"
      width="${image.width}"
      height="${image.height}"
      alt="${image.alt}"
      fetchpriority="high"
    />
    ${imageCaptionHtml(image.caption, image.credit)}
  </figure>`;
}

// The body images' figcaption markup (lib/document/image.ts), for the lead image.
function imageCaptionHtml(caption: string, credit: string): Html | null {
  if (!caption && !credit) return null;
  return html`<figcaption>
    ${[
      caption ? html`<span class="${CAPTION_CLASS}">${caption}</span>` : null,
      caption && credit ? html`<span class="${CAPTION_SEPARATOR_CLASS}">${CAPTION_SEPARATOR}</span>` : null,
      credit ? html`<span class="${CREDIT_CLASS}">${credit}</span>` : null,
    ]}
  </figcaption>`;
}

function shareLinksHtml(article: PublishedArticle): Html {
  const u = encodeURIComponent(absoluteUrl(articlePath(article)));
  const t = encodeURIComponent(article.headline);
  const links = [
    { name: 'واتساب', href: `https://wa.me/?text=${t}%20${u}` },
    { name: 'تيليجرام', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { name: 'إكس', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'فيسبوك', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'البريد الإلكتروني', href: `mailto:?subject=${t}&body=${u}` },
  ];
  return html`<section aria-labelledby="share-heading" class="share">
    <h2 id="share-heading">مشاركة</h2>
    <ul>
      <li>
        <button type="button" data-copy-link>نسخ الرابط</button>
        <span role="status" class="muted"></span>
      </li>
      ${links.map(
        (link) =>
          html`<li>
            <a href="${link.href}" target="_blank" rel="noopener noreferrer nofollow">${link.name}</a>
          </li>`,
      )}
    </ul>
  </section>`;
}

// Filled by ARTICLE_SCRIPT from the engagement request: the page stays the same bytes for every
// reader. The form is shown once the script knows comments are open.
function commentsHtml(): Html {
  return html`<section aria-labelledby="comments-heading" class="comments">
    <h2 id="comments-heading">تعليقات</h2>
    <ol class="comment-list" data-comment-list></ol>
    <p class="muted" data-comments-empty>لا توجد تعليقات بعد.</p>
    <p class="muted" data-comments-closed hidden>التعليقات مغلقة على هذا المقال.</p>
    <form class="comment-form" aria-labelledby="comment-form-heading" novalidate hidden>
      <h3 id="comment-form-heading">أضف تعليقًا</h3>
      <p class="muted">يظهر تعليقك بعد أن يراجعه محررو الموقع.</p>
      <p class="field">
        <label for="comment-name">اسمك</label>
        <input
          id="comment-name"
          name="name"
          type="text"
          autocomplete="name"
          required
          aria-describedby="comment-name-error"
        />
        <span id="comment-name-error" class="field-error" data-error-for="name"></span>
      </p>
      <p class="field">
        <label for="comment-text">نص التعليق</label>
        <textarea
          id="comment-text"
          name="text"
          rows="5"
          required
          aria-describedby="comment-text-error"
        ></textarea>
        <span id="comment-text-error" class="field-error" data-error-for="text"></span>
      </p>
      <p class="field-error" data-error-for="form"></p>
      <button type="submit" class="primary">إرسال التعليق</button>
      <p role="status"></p>
    </form>
  </section>`;
}

export function articlePageHtml({
  article,
  tags,
  notes,
  related,
}: {
  article: PublishedArticle;
  tags: ReaderTag[];
  notes: RevisionNote[];
  related: PublishedSummary[];
}): string {
  const main = html`<article
    class="article"
    data-article-id="${article.id}"
    data-url="${absoluteUrl(articlePath(article))}"
    data-digits="${newsroomSettings.dates.digits}"
    data-calendar="${newsroomSettings.dates.calendar}"
    data-time-zone="${newsroomSettings.dates.timeZone}"
  >
    ${
      article.sectionName && article.sectionSlug
        ? html`<p class="kicker"><a href="${sectionPath(article.sectionSlug)}">${article.sectionName}</a></p>`
        : null
    }
    <h1>${article.headline}</h1>
    ${article.deck ? html`<p class="deck">${article.deck}</p>` : null}
    <p class="article-meta">
      ${article.dateline ? html`<span class="dateline"><span class="visually-hidden">مكان الخبر: </span>${article.dateline}</span>` : null}
      ${publishedDateHtml(article.publishedAt, 'نُشر في')}
      ${article.updatedAt ? publishedDateHtml(article.updatedAt, 'حُدّث في') : null}
      <span>الكاتب: <a href="/author/${article.authorId}">${article.authorName}</a></span>
    </p>
    <p class="counters muted" aria-live="polite">
      <span>مشاهدات: <data value="" data-count="views">…</data></span>
      <span>تعليقات: <data value="" data-count="comments">…</data></span>
      <span>مشاركات: <data value="" data-count="shares">…</data></span>
    </p>
    <p data-edit-link hidden><a href="">تحرير المقال</a></p>
    ${
      notes.length > 0
        ? html`<aside class="revision-notes" aria-label="تصحيحات وتحديثات">
            <ul>
              ${notes.map((note) => html`<li>${publishedDateHtml(note.at, 'حُدّث في')}: ${note.note}</li>`)}
            </ul>
          </aside>`
        : null
    }
    ${article.leadImage ? leadImageHtml(article.leadImage) : null}
    <div class="article-body">${trustedHtml(article.bodyHtml)}</div>
    ${
      tags.length > 0
        ? html`<section aria-labelledby="tags-heading">
            <h2 id="tags-heading">الوسوم</h2>
            <ul class="tags">
              ${tags.map((tag) => html`<li><a href="/tag/${encodeURIComponent(tag.slug)}">${tag.name}</a></li>`)}
            </ul>
          </section>`
        : null
    }
    ${shareLinksHtml(article)} ${commentsHtml()}
    ${
      related.length > 0
        ? html`<section aria-labelledby="related-heading" class="related">
            <h2 id="related-heading">مقالات ذات صلة</h2>
            ${storyGridHtml(related, { kicker: false })}
          </section>`
        : null
    }
  </article>`;
  return readerDocument({
    title: article.headline,
    description: descriptionOf(article),
    canonicalPath: articlePath(article),
    ogType: 'article',
    leadImage: article.leadImage ? { image: article.leadImage, size: 'article' } : undefined,
    head: articleHead(article),
    main,
    script: ARTICLE_SCRIPT,
  });
}

export function articleNotFoundHtml(): string {
  return notFoundHtml();
}
