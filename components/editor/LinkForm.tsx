'use client';

import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { isSafeHref } from '@/lib/shared/links';

export const UNSAFE_LINK_MESSAGE = 'رابط غير مسموح: الروابط المقبولة http وhttps وmailto فقط';

// What a journalist types is completed the way they mean it: "example.com" is a web address,
// "desk@example.org" an email address. Anything with another scheme is refused.
export function completeHref(typed: string): string {
  const href = typed.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('#')) return href;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(href)) return `mailto:${href}`;
  if (/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+([/?#:]\S*)?$/u.test(href)) return `https://${href}`;
  return href;
}

// In the link form only absolute web and email addresses (or the site's own paths) make sense.
function acceptableHref(href: string): boolean {
  return isSafeHref(href) && (/^(https?:\/\/|mailto:)\S/i.test(href) || /^\/[^/\\]/.test(href));
}

export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const existing = editor.getAttributes('link').href as string | undefined;
  const [href, setHref] = useState(existing ?? '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), []);

  function close() {
    onClose();
    editor.commands.focus();
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const target = completeHref(href);
    if (!acceptableHref(target)) {
      setError(UNSAFE_LINK_MESSAGE);
      input.current?.focus();
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain
        .insertContent({
          type: 'text',
          text: href.trim(),
          marks: [{ type: 'link', attrs: { href: target } }],
        })
        .run();
    } else {
      chain.extendMarkRange('link').setLink({ href: target }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  return (
    <form
      className="link-form"
      role="dialog"
      aria-label="رابط"
      onSubmit={apply}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      }}
    >
      <label htmlFor={`${id}-href`}>عنوان الرابط</label>
      <input
        ref={input}
        id={`${id}-href`}
        type="text"
        inputMode="url"
        dir="ltr"
        value={href}
        placeholder="https://"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setHref(e.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="primary">
        إدراج الرابط
      </button>
      {existing ? (
        <button type="button" onClick={remove}>
          إزالة الرابط
        </button>
      ) : null}
      <button type="button" onClick={close}>
        إلغاء
      </button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
