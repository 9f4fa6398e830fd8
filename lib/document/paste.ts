import { restoreParagraphBreaks } from '@/lib/shared/arabic';
import { isSafeHref } from '@/lib/shared/links';

// Pasted HTML (Word, Google Docs, web pages) rebuilt from a short list of allowed tags, before
// ProseMirror parses it through the editor's schema: no styles, classes, ids, scripts or event
// attributes survive, while paragraphs, headings, lists, links, bold/italic and direction do.
// Pure string work so it runs the same in the browser and in unit tests.

// Dropped together with everything inside them.
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'head',
  'title',
  'meta',
  'link',
  'xml',
  'template',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'select',
  'textarea',
  'button',
  'o:p',
]);

const VOID_TAGS = new Set([
  'br',
  'hr',
  'img',
  'input',
  'meta',
  'link',
  'wbr',
  'col',
  'area',
  'base',
  'source',
]);

const BLOCK_TAGS: Record<string, string> = {
  p: 'p',
  div: 'div',
  h1: 'h2',
  h2: 'h2',
  h3: 'h3',
  h4: 'h3',
  h5: 'h3',
  h6: 'h3',
  blockquote: 'blockquote',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
};
const BOLD_TAGS = new Set(['b', 'strong']);
const ITALIC_TAGS = new Set(['i', 'em']);

const TOKEN_RE =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/?([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR_RE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

type Attrs = Map<string, string>;

function parseAttrs(source: string): Attrs {
  const attrs: Attrs = new Map();
  for (const m of source.matchAll(ATTR_RE)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);?/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] ?? whole;
  });
}

function safeCodePoint(n: number, fallback: string): string {
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function styleOf(attrs: Attrs): Map<string, string> {
  const style = new Map<string, string>();
  for (const decl of (attrs.get('style') ?? '').split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    style.set(
      decl.slice(0, colon).trim().toLowerCase(),
      decl
        .slice(colon + 1)
        .trim()
        .toLowerCase(),
    );
  }
  return style;
}

function isBoldWeight(weight: string | undefined): boolean | undefined {
  if (!weight) return undefined;
  if (weight === 'bold' || weight === 'bolder') return true;
  const n = Number(weight);
  if (Number.isFinite(n)) return n >= 600;
  return weight === 'normal' || weight === 'lighter' ? false : undefined;
}

// The direction a pasted block declares, from dir="…" or Word's `direction:` style.
function directionOf(attrs: Attrs, style: Map<string, string>): 'ltr' | 'rtl' | undefined {
  const dir = (attrs.get('dir') ?? style.get('direction') ?? '').toLowerCase();
  return dir === 'ltr' || dir === 'rtl' ? dir : undefined;
}

type Open = { name: string; close: string };

export function cleanPastedHtml(html: string): string {
  const out: string[] = [];
  const stack: Open[] = [];
  let dropDepth = 0;
  let dropName = '';
  let last = 0;

  const emitText = (text: string) => {
    if (dropDepth > 0 || !text) return;
    // Anything left that looks like markup is text; keep it as text.
    out.push(text.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  };

  for (const m of html.matchAll(TOKEN_RE)) {
    emitText(html.slice(last, m.index));
    last = m.index + m[0].length;
    const rawName = m[1]?.toLowerCase();
    if (!rawName) continue; // comments, doctype, Word's conditional comments, CDATA
    const closing = m[0].startsWith('</');

    if (dropDepth > 0) {
      if (rawName === dropName) dropDepth += closing ? -1 : VOID_TAGS.has(rawName) ? 0 : 1;
      continue;
    }
    const attrs = closing ? new Map<string, string>() : parseAttrs(m[2] ?? '');
    const style = styleOf(attrs);

    if (!closing && (DROP_WITH_CONTENT.has(rawName) || style.get('mso-list') === 'ignore')) {
      // Word's list bullets (mso-list:Ignore) are typed text, not structure.
      if (!/\/\s*>$/.test(m[0]) && !VOID_TAGS.has(rawName)) {
        dropDepth = 1;
        dropName = rawName;
      }
      continue;
    }

    if (closing) {
      // Close what this end tag opened (and anything left open inside it).
      const at = stack.map((o) => o.name).lastIndexOf(rawName);
      if (at < 0) continue;
      while (stack.length > at) out.push(stack.pop()!.close);
      continue;
    }

    if (rawName === 'br') {
      out.push('<br>');
      continue;
    }
    if (VOID_TAGS.has(rawName)) continue; // images come from the media library, not from paste

    const parts: string[] = [];
    const closes: string[] = [];
    const block = BLOCK_TAGS[rawName];
    if (block) {
      const dir = directionOf(attrs, style);
      parts.push(`<${block}${dir ? ` dir="${dir}"` : ''}>`);
      closes.unshift(`</${block}>`);
    } else if (rawName === 'a') {
      const href = (attrs.get('href') ?? '').trim();
      if (href && isSafeHref(href) && !href.startsWith('#')) {
        parts.push(`<a href="${escapeAttr(href)}">`);
        closes.unshift('</a>');
      }
    }
    // Bold and italic, whether from tags or from inline styles (Docs, Word), but not Docs'
    // <b style="font-weight:normal"> wrapper around the whole clipboard.
    const weight = isBoldWeight(style.get('font-weight'));
    if (weight ?? BOLD_TAGS.has(rawName)) {
      parts.push('<strong>');
      closes.unshift('</strong>');
    }
    const fontStyle = style.get('font-style');
    if (
      fontStyle === 'italic' ||
      fontStyle === 'oblique' ||
      (ITALIC_TAGS.has(rawName) && fontStyle !== 'normal')
    ) {
      parts.push('<em>');
      closes.unshift('</em>');
    }
    out.push(parts.join(''));
    if (/\/\s*>$/.test(m[0])) {
      out.push(closes.join(''));
      continue;
    }
    stack.push({ name: rawName, close: closes.join('') });
  }
  emitText(html.slice(last));
  while (stack.length) out.push(stack.pop()!.close);
  return out.join('');
}

// The base direction of a run of text: the first strong letter decides, as the browser does.
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

export function detectDirection(text: string): 'ltr' | 'rtl' | undefined {
  const first = /\p{L}/u.exec(text);
  if (!first) return undefined;
  return RTL_LETTER.test(first[0]) ? 'rtl' : 'ltr';
}

export type PastedParagraph = { text: string; dir: 'ltr' | 'rtl' };

// Plain text becomes paragraphs, restoring breaks lost where a full stop is glued to the next
// sentence; a paragraph written in a Latin script is left to right, everything else right to left.
export function plainTextParagraphs(text: string): PastedParagraph[] {
  return restoreParagraphBreaks(text).map((p) => ({
    text: p,
    dir: detectDirection(p) === 'ltr' ? 'ltr' : 'rtl',
  }));
}
