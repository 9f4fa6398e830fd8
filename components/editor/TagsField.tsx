'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { suggestTagsAction } from '@/app/(newsroom)/newsroom/articles/actions';
import { normalizeTagName } from '@/lib/arabic';

const SEPARATOR = /[,،\n]/;

export function splitTags(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((t) => t.trim())
    .filter(Boolean);
}

// The tags as one comma-separated field, with suggestions from the newsroom's existing tags for
// the one being typed (a combobox: arrows choose, Enter takes, Escape closes).
export function TagsField({
  value,
  onChange,
  readOnly,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  error?: string;
}) {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [activeIndex, setActiveIndex] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typed = value.split(SEPARATOR).at(-1)?.trim() ?? '';

  useEffect(() => () => clearTimeout(timer.current), []);

  function update(next: string) {
    onChange(next);
    clearTimeout(timer.current);
    const current = next.split(SEPARATOR).at(-1)?.trim() ?? '';
    if (!current) {
      setSuggestions([]);
      return;
    }
    timer.current = setTimeout(() => {
      suggestTagsAction({ typed: current })
        .then((result) => {
          if (!result.ok) return;
          const present = new Set(splitTags(next).slice(0, -1).map(normalizeTagName));
          const fresh = result.data.filter((name) => !present.has(normalizeTagName(name)));
          // Nothing to suggest when what was typed is already an existing tag, spelt the same.
          setSuggestions(fresh.length === 1 && fresh[0] === current ? [] : fresh);
          setActiveIndex(-1);
        })
        .catch(() => setSuggestions([]));
    }, 200);
  }

  function accept(name: string) {
    const head = splitTags(value).slice(0, -1);
    onChange([...head, name].join('، ') + '، ');
    setSuggestions([]);
    setActiveIndex(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (suggestions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((i) => (i + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' && activeIndex >= 0) {
      event.preventDefault();
      accept(suggestions[activeIndex]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setSuggestions([]);
    }
  }

  const open = suggestions.length > 0 && typed.length > 0;
  return (
    <div className="field tags-field">
      <label htmlFor="tags">الوسوم</label>
      <input
        id="tags"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls="tags-suggestions"
        aria-activedescendant={open && activeIndex >= 0 ? `tag-suggestion-${activeIndex}` : undefined}
        aria-describedby="tags-hint"
        aria-invalid={error ? true : undefined}
        value={value}
        readOnly={readOnly}
        onChange={(e) => update(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setSuggestions([])}
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
                  accept(name);
                }}
              >
                {name}
              </li>
            ))
          : null}
      </ul>
      <p id="tags-hint" className="muted hint">
        افصل بين الوسوم بفاصلة.
      </p>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
