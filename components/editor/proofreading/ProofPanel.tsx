'use client';

import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ProofPoint } from '@/lib/shared/proofreading/matcher';
import type { ProofChecker, MenuRequest } from './checker';
import { bodyPoints, type BodyPoint } from './plugin';

// التدقيق: every open point of the article (body, headline, deck, captions) with its count, each a
// button that jumps to it; and the menu of one point (suggestions, house style first, استبدل بـ,
// تجاهل, أضف إلى القاموس), opened by the context menu or Alt+Enter on an underlined word.

export type ProofFields = { headline: string; deck: string; leadCaption: string };
export type FieldPoint = ProofPoint & { field: string; label: string; imagePos?: number };

function useRevision(checker: ProofChecker): number {
  return useSyncExternalStore(
    (l) => checker.subscribe(l),
    () => checker.revision,
    () => 0,
  );
}

type Caption = { text: string; pos: number };

function captionsOf(editor: Editor | null): Caption[] {
  const list: Caption[] = [];
  editor?.state.doc.descendants((node, pos) => {
    if (node.type.name === 'image' && node.attrs.caption)
      list.push({ text: String(node.attrs.caption), pos });
    return !node.isTextblock;
  });
  return list;
}

/** The points outside the body: headline, deck, the lead image's caption, the captions in the body. */
export function useFieldPoints(
  checker: ProofChecker,
  fields: ProofFields,
  editor: Editor | null,
): FieldPoint[] {
  const revision = useRevision(checker);
  const captions = useEditorState({
    editor,
    selector: ({ editor: e }) => JSON.stringify(captionsOf(e)),
  });
  return useMemo(() => {
    void revision;
    const out: FieldPoint[] = [];
    if (!checker.enabled) return out;
    const add = (text: string, field: string, label: string, imagePos?: number) => {
      for (const p of checker.check(text)) out.push({ ...p, field, label, imagePos });
    };
    add(fields.headline, 'headline', 'العنوان');
    add(fields.deck, 'deck', 'العنوان الفرعي');
    add(fields.leadCaption, 'lead-caption', 'تعليق الصورة الرئيسية');
    for (const c of JSON.parse(captions ?? '[]') as Caption[])
      add(c.text, 'body-image-caption', 'التعليق على الصورة', c.pos);
    return out;
  }, [checker, revision, fields.headline, fields.deck, fields.leadCaption, captions]);
}

export function useBodyPoints(editor: Editor | null): BodyPoint[] {
  return useEditorState({ editor, selector: ({ editor: e }) => (e ? bodyPoints(e.state) : []) }) ?? [];
}

function focusField(point: FieldPoint, editor: Editor | null) {
  if (point.imagePos !== undefined && editor) {
    editor.view.dispatch(
      editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, point.imagePos)),
    );
    editor.commands.scrollIntoView();
  }
  // The image's details open with the selection: wait for them to be drawn.
  requestAnimationFrame(() => {
    const input = document.getElementById(point.field) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!input) return;
    input.focus();
    input.setSelectionRange(point.from, point.to);
  });
}

function jumpToBody(point: BodyPoint, editor: Editor) {
  const { state, view } = editor;
  view.dispatch(
    state.tr.setSelection(TextSelection.create(state.doc, point.pos, point.end)).scrollIntoView(),
  );
  view.focus();
}

function describe(p: ProofPoint): string {
  return p.suggestions[0] ? `${p.text} ← ${p.suggestions[0]}` : p.text;
}

export function ProofPanel({
  checker,
  editor,
  body,
  fields,
}: {
  checker: ProofChecker;
  editor: Editor | null;
  body: BodyPoint[];
  fields: FieldPoint[];
}) {
  const total = body.length + fields.length;
  const [open, setOpen] = useState(true);
  useRevision(checker);
  return (
    <section className="proof-panel" aria-labelledby="proof-panel-h">
      <h2 id="proof-panel-h">
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          التدقيق <span data-testid="proof-count">({total})</span>
        </button>
      </h2>
      {open ? (
        total === 0 ? (
          <p className="hint">لا ملاحظات.</p>
        ) : (
          <ol className="proof-list">
            {fields.map((p, i) => (
              <li key={`f${i}`}>
                <button type="button" className="link-button" onClick={() => focusField(p, editor)}>
                  <span className={`proof-kind proof-kind-${p.kind}`}>
                    {p.kind === 'spelling' ? 'خطأ إملائي' : 'أسلوب التحرير'}
                  </span>{' '}
                  {p.label}: <bdi>{describe(p)}</bdi>
                </button>
              </li>
            ))}
            {body.map((p, i) => (
              <li key={`b${i}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => editor && jumpToBody(p, editor)}
                  onContextMenu={(event) => {
                    event.preventDefault();
                    if (editor) jumpToBody(p, editor);
                  }}
                >
                  <span className={`proof-kind proof-kind-${p.kind}`}>
                    {p.kind === 'spelling' ? 'خطأ إملائي' : 'أسلوب التحرير'}
                  </span>{' '}
                  <bdi>{describe(p)}</bdi>
                </button>
              </li>
            ))}
          </ol>
        )
      ) : null}
      <p className="hint">على كلمة تحتها خط: القائمة بالزر الأيمن أو Alt+Enter.</p>
      <label className="proof-toggle">
        <input
          type="checkbox"
          checked={checker.enabled}
          onChange={(e) => checker.setEnabled(e.target.checked)}
        />{' '}
        التدقيق أثناء الكتابة
      </label>
    </section>
  );
}

// The menu of one point. Replacing checks first that the text is still what was pointed at.
export function ProofMenu({ checker, editor }: { checker: ProofChecker; editor: Editor | null }) {
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const [more, setMore] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(
    () =>
      checker.onMenu((next) => {
        setMenu(next);
        setMore([]);
        setMessage(null);
      }),
    [checker],
  );
  useEffect(() => {
    if (!menu || menu.point.kind !== 'spelling' || menu.point.suggestions.length > 0) return;
    let live = true;
    void checker.suggest(menu.point.text).then((list) => live && setMore(list));
    return () => {
      live = false;
    };
  }, [checker, menu]);
  useLayoutEffect(() => {
    if (menu) first.current?.focus();
  }, [menu, more]);
  if (!menu) return null;
  const { point } = menu;
  const suggestions = [...new Set([...point.suggestions, ...more])].slice(0, 6);
  const close = () => {
    checker.openMenu(null);
    editor?.commands.focus();
  };
  const replace = (text: string) => {
    if (menu.where.kind === 'body' && editor) {
      const { from, to } = menu.where;
      const { state } = editor;
      if (state.doc.textBetween(from, to, '\uFFFC', '\uFFFC') === point.text) {
        editor.view.dispatch(state.tr.insertText(text, from, to));
      }
    }
    close();
  };
  return (
    <div
      className="proof-menu"
      role="menu"
      aria-label={`${point.reason}: ${point.text}`}
      style={{
        top: menu.rect.bottom + window.scrollY + 4,
        left: Math.max(8, menu.rect.left + window.scrollX - 160),
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
          const at = items.indexOf(document.activeElement as HTMLButtonElement);
          const next = items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
          next?.focus();
        }
      }}
    >
      <p className="proof-menu-reason">{point.reason}</p>
      {suggestions.length === 0 && point.kind === 'spelling' ? <p className="hint">لا اقتراحات.</p> : null}
      {suggestions.map((s, i) => (
        <button
          key={s}
          type="button"
          role="menuitem"
          ref={i === 0 ? first : undefined}
          onClick={() => replace(s)}
        >
          استبدل بـ <bdi>{s}</bdi>
        </button>
      ))}
      <button
        type="button"
        role="menuitem"
        ref={suggestions.length === 0 ? first : undefined}
        onClick={() => {
          checker.ignore(point.text);
          close();
        }}
      >
        تجاهل
      </button>
      {point.kind === 'spelling' ? (
        <button
          type="button"
          role="menuitem"
          onClick={() =>
            void checker.addToDictionary(point.text).then((refused) => {
              if (refused) setMessage(refused);
              else close();
            })
          }
        >
          أضف إلى القاموس
        </button>
      ) : null}
      {message ? (
        <p role="alert" className="field-error">
          {message}
        </p>
      ) : null}
    </div>
  );
}
