import { extensions as coreExtensions, type Extensions } from '@tiptap/core';
import Link from '@tiptap/extension-link';
import StarterKit from '@tiptap/starter-kit';
import { ALLOWED_LINK_PROTOCOLS, isSafeHref } from '@/lib/shared/links';
import { CommentMark } from './comment-mark';
import { articleImage } from './image';

// One list of extensions for the editor, the server's validation and the server's renderer, so
// that what the journalist sees is what the reader gets.

// Blocks are right to left unless the journalist switches one; Latin runs inside stay in place.
export const ARTICLE_TEXT_DIRECTION = 'rtl' as const;

const LINK_REL = 'noopener noreferrer nofollow';

// A link carries its address and nothing else: class, target, title or rel pasted from elsewhere
// (or sent by hand) are not attributes of the schema, so they never reach the stored document.
const ArticleLink = Link.extend({
  addAttributes() {
    return {
      href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute('href') },
    };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  protocols: [...ALLOWED_LINK_PROTOCOLS],
  defaultProtocol: 'https',
  isAllowedUri: (url) => isSafeHref(url),
  shouldAutoLink: (url) => isSafeHref(url),
  HTMLAttributes: { rel: LINK_REL, target: null, class: null },
});

export const articleExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    link: false,
  }),
  ArticleLink,
  articleImage,
  // Newsroom-only anchors of comment threads (comment-mark.ts); render.ts drops them for readers.
  CommentMark,
];

// The editor gets direction support from its `textDirection` option; code without an editor
// (validation, rendering) registers the same extension explicitly.
export const articleSchemaExtensions: Extensions = [
  ...articleExtensions,
  coreExtensions.TextDirection.configure({ direction: ARTICLE_TEXT_DIRECTION }),
];
