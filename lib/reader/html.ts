// A very small HTML builder for pages served as plain HTML (the reader's article page): every
// interpolated value is escaped unless it was built by `html` itself or marked `trustedHtml`.
// Arrays are joined; null, undefined and false write nothing.

const TRUSTED = Symbol('trusted html');

export type Html = { readonly [TRUSTED]: true; readonly value: string };

type Part = Html | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

// Only for HTML this code made from checked data: the article body rendered at publish time from a
// schema-checked document, the page's own CSS and script, JSON escaped for a script element.
export function trustedHtml(value: string): Html {
  return { [TRUSTED]: true, value };
}

function isHtml(part: unknown): part is Html {
  return typeof part === 'object' && part !== null && TRUSTED in part;
}

function write(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (Array.isArray(part)) return part.map(write).join('');
  if (isHtml(part)) return part.value;
  return escapeHtml(String(part));
}

// The template's own indentation is dropped (its static text only: interpolated values are written
// as they are), once per template.
const compact = new WeakMap<TemplateStringsArray, string[]>();
function compacted(strings: TemplateStringsArray): string[] {
  let result = compact.get(strings);
  if (!result) {
    result = strings.map((s) => s.replace(/\n\s*/g, '\n'));
    compact.set(strings, result);
  }
  return result;
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  const text = compacted(strings);
  let out = text[0]!;
  for (let i = 0; i < parts.length; i++) out += write(parts[i]!) + text[i + 1]!;
  return trustedHtml(out);
}
