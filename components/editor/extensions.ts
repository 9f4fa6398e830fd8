import { extensions as coreExtensions, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { ALLOWED_LINK_PROTOCOLS, isSafeHref } from '@/lib/links';

// One list of extensions for the editor, the server's validation and the server's renderer, so
// that what the journalist sees is what the reader gets.

// Blocks are right to left unless the journalist switches one; Latin runs inside stay in place.
export const ARTICLE_TEXT_DIRECTION = 'rtl' as const;

export const articleExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    link: {
      openOnClick: false,
      autolink: true,
      protocols: [...ALLOWED_LINK_PROTOCOLS],
      defaultProtocol: 'https',
      isAllowedUri: (url) => isSafeHref(url),
      shouldAutoLink: (url) => isSafeHref(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    },
  }),
];

// The editor gets direction support from its `textDirection` option; code without an editor
// (validation, rendering) registers the same extension explicitly.
export const articleSchemaExtensions: Extensions = [
  ...articleExtensions,
  coreExtensions.TextDirection.configure({ direction: ARTICLE_TEXT_DIRECTION }),
];
