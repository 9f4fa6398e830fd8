'use client';

import { X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { normalizeTagName } from '@/lib/shared/arabic';

const SEPARATOR = /[,،\n]/;

export function splitTags(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((t) => t.trim())
    .filter(Boolean);
}

// Adds `names` to `tags`, skipping any already there in another spelling.
export function addTags(tags: readonly string[], names: readonly string[]): string[] {
  const seen = new Set(tags.map(normalizeTagName));
  const out = [...tags];
  for (const name of names) {
    const key = normalizeTagName(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

export type SuggestTags = (typed: string) => Promise<{ ok: true; data: string[] } | { ok: false }>;

// The article's tags, each a committed tag, and a field for the next one. A tag becomes a tag
// when the journalist finishes it (comma, Enter, leaving the field), never while it is typed: an
// autosave mid-word must not create a half-typed tag for the whole newsroom. Suggestions from
// the newsroom's tags for the one being typed (a combobox: arrows choose, Enter takes, Escape
// closes).
export function TagsField({
  tags,
  onChange,
  suggest,
  readOnly,
  error,
}: {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  suggest: SuggestTags;
  readOnly: boolean;
  error?: string;
}) {
  const [typed, setTyped] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [activeIndex, setActiveIndex] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(names: string[]) {
    const next = addTags(tags, names);
    if (next.length !== tags.length) onChange(next);
  }

  function update(text: string) {
    clearTimeout(timer.current);
    // A separator finishes every tag before it; what follows the last one is still being typed.
    const parts = text.split(SEPARATOR);
    const rest = parts.pop() ?? '';
    if (parts.length) commit(splitTags(parts.join(',')));
    setTyped(rest.trimStart());
    const current = rest.trim();
    if (!current) {
      setSuggestions([]);
      return;
    }
    timer.current = setTimeout(() => {
      suggest(current)
        .then((result) => {
          if (!result.ok) return;
          const present = new Set(tags.map(normalizeTagName));
          const fresh = result.data.filter((name) => !present.has(normalizeTagName(name)));
          // Nothing to suggest when what was typed is already an existing tag, spelt the same.
          setSuggestions(fresh.length === 1 && fresh[0] === current ? [] : fresh);
          setActiveIndex(-1);
        })
        .catch(() => setSuggestions([]));
    }, 200);
  }

  function finish(name: string) {
    clearTimeout(timer.current);
    commit(splitTags(name));
    setTyped('');
    setSuggestions([]);
    setActiveIndex(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const open = suggestions.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((i) => (i + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      finish(open && activeIndex >= 0 ? suggestions[activeIndex]! : typed);
    } else if (open && event.key === 'Escape') {
      event.preventDefault();
      setSuggestions([]);
    } else if (event.key === 'Backspace' && typed === '' && tags.length) {
      // Backspace in the empty field takes back the last tag, to be corrected.
      event.preventDefault();
      const last = tags[tags.length - 1]!;
      onChange(tags.slice(0, -1));
      setTyped(last);
    }
  }

  const open = suggestions.length > 0 && typed.trim().length > 0;
  return (
    <div className="field tags-field">
      <label htmlFor="tags">الوسوم</label>
      {tags.length ? (
        <ul className="tag-list" aria-label="وسوم المقال">
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span dir="auto">{tag}</span>
              {readOnly ? null : (
                <button
                  type="button"
                  aria-label={`حذف الوسم ${tag}`}
                  title={`حذف الوسم ${tag}`}
                  onClick={() => {
                    onChange(tags.filter((t) => t !== tag));
                    input.current?.focus();
                  }}
                >
                  <X aria-hidden="true" focusable="false" size={14} />
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <input
        ref={input}
        id="tags"
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder="إضافة وسم"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls="tags-suggestions"
        aria-activedescendant={open && activeIndex >= 0 ? `tag-suggestion-${activeIndex}` : undefined}
        aria-describedby="tags-hint"
        aria-invalid={error ? true : undefined}
        value={typed}
        readOnly={readOnly}
        onChange={(e) => update(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => finish(typed)}
      />
      <ul
        id="tags-suggestions"
        role="listbox"
        aria-label="وسوم مقترحة"
        className="suggestions"
        hidden={!open}
      >
        {open
          ? suggestions.map((name, i) => (
              <li
                key={name}
                id={`tag-suggestion-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                onMouseDown={(event) => {
                  event.preventDefault();
                  finish(name);
                }}
              >
                {name}
              </li>
            ))
          : null}
      </ul>
      <p id="tags-hint" className="muted hint">
        يُضاف الوسم عند كتابة فاصلة أو الضغط على Enter أو مغادرة الحقل.
      </p>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
