'use client';

import type { JSONContent } from '@tiptap/core';
import { useState } from 'react';
import { formatArabicDateTime, type DateSettings } from '@/lib/shared/arabic';
import type { ArticleField, ArticleFieldValues } from '@/lib/shared/validation/article-save';
import type { HeldConflict, Metadata, Replacement } from './save-machine';

export function documentText(doc: JSONContent): string {
  if (doc.text) return doc.text;
  const inner = (doc.content ?? []).map(documentText);
  return inner.join(doc.type === 'doc' ? '\n\n' : '');
}

export const FIELD_LABELS: Record<ArticleField, string> = {
  headline: 'العنوان',
  deck: 'العنوان الفرعي',
  slug: 'الرابط المختصر',
  sectionId: 'القسم',
  dateline: 'مكان الخبر',
  byline: 'الكاتب',
  tags: 'الوسوم',
  leadImage: 'الصورة الرئيسية',
  body: 'نص المقال',
};

// What «copy» does per field: the body and the tags are combined into mine (then saved on top
// of theirs); a text is copied to the clipboard, to be pasted into mine where it belongs; a
// section or an image has nothing to combine.
const COPY_LABELS: Partial<Record<ArticleField, string>> = {
  body: 'نسخ نصهم إلى نسختي',
  tags: 'نسخ وسومهم إلى وسومي',
  headline: 'نسخ نصهم',
  deck: 'نسخ نصهم',
  slug: 'نسخ نصهم',
  dateline: 'نسخ نصهم',
  byline: 'نسخ نصهم',
};

export function describeValue(
  field: ArticleField,
  value: ArticleFieldValues[ArticleField] | undefined,
  sections: { id: number; name: string }[],
): string {
  if (field === 'body') {
    try {
      return documentText(JSON.parse(value as string) as JSONContent);
    } catch {
      return '';
    }
  }
  if (field === 'tags') return (value as string[]).join('، ') || '—';
  if (field === 'sectionId') return sections.find((s) => s.id === value)?.name ?? '— بلا قسم —';
  if (field === 'leadImage') {
    const image = value as ArticleFieldValues['leadImage'];
    return image
      ? `صورة رقم ${image.mediaId}: ${image.alt || image.caption || 'بلا نص بديل'}`
      : '— بلا صورة —';
  }
  return (value as string) || '—';
}

// Every field that both sides changed, one by one: who changed it and when, their value beside
// mine, and the journalist's choice for that field. Nothing is overwritten until they choose.
export function ConflictPanel({
  conflicts,
  mine,
  myBodyText,
  sections,
  dates,
  onKeepTheirs,
  onKeepMine,
  onCopy,
}: {
  conflicts: readonly HeldConflict[];
  mine: Metadata;
  myBodyText: () => string;
  sections: { id: number; name: string }[];
  dates: DateSettings;
  onKeepTheirs: (field: ArticleField) => void;
  onKeepMine: (field: ArticleField) => void;
  onCopy: (field: ArticleField, theirs: string) => void;
}) {
  const [copied, setCopied] = useState<ArticleField | null>(null);
  return (
    <section className="conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">تعارض في التعديل</h2>
      <p>
        عدّل شخص آخر {conflicts.length === 1 ? 'حقلاً' : 'حقولاً'} عدّلتَه أنت أيضاً. لم يُحفظ تعديلك على{' '}
        {conflicts.length === 1 ? 'هذا الحقل' : 'هذه الحقول'} حتى تختار؛ بقية تعديلاتك تُحفظ كالمعتاد.
      </p>
      {conflicts.map((c) => {
        const label = FIELD_LABELS[c.field];
        // A body merged by block: only the blocks both changed (the rest is merged already).
        const blocks = c.merge?.conflicts;
        const blockText = (side: 'theirs' | 'mine') =>
          (blocks ?? [])
            .map((b) => documentText({ type: 'doc', content: b[side] as JSONContent[] }) || '—')
            .join('\n…\n');
        const theirs = blocks ? blockText('theirs') : describeValue(c.field, c.theirs, sections);
        const myValue = blocks
          ? blockText('mine')
          : c.field === 'body'
            ? myBodyText()
            : describeValue(c.field, mine[c.field], sections);
        const who = c.changedBy ? c.changedBy.name : 'شخص آخر';
        const when = c.changedAt ? ` في ${formatArabicDateTime(new Date(c.changedAt), dates)}` : '';
        const copyLabel = COPY_LABELS[c.field];
        return (
          <section
            key={c.field}
            className="conflict-field"
            aria-labelledby={`conflict-${c.field}`}
            data-field={c.field}
          >
            <h3 id={`conflict-${c.field}`}>تعارض: {label}</h3>
            <p className="muted hint">
              غيّره {who}
              {when}.
              {blocks
                ? ` ${blocks.length === 1 ? 'الفقرة المعروضة وحدها عدّلها' : 'الفقرات المعروضة وحدها عدّلها'} كلاكما؛ بقية تعديلاتكما دُمجت.`
                : null}
            </p>
            <div className="conflict-versions">
              <section aria-label={`نسختهم: ${label}`}>
                <h4>نسختهم (المحفوظة)</h4>
                <p className="conflict-text" dir="auto">
                  {theirs}
                </p>
              </section>
              <section aria-label={`نسختي: ${label}`}>
                <h4>نسختي</h4>
                <p className="conflict-text" dir="auto">
                  {myValue}
                </p>
              </section>
            </div>
            <div className="button-row">
              <button type="button" onClick={() => onKeepTheirs(c.field)}>
                اعتماد نسختهم
              </button>
              {copyLabel ? (
                <button
                  type="button"
                  onClick={() => {
                    onCopy(c.field, theirs);
                    setCopied(c.field);
                  }}
                >
                  {copyLabel}
                </button>
              ) : null}
              <button type="button" className="primary" onClick={() => onKeepMine(c.field)}>
                حفظ نسختي فوقها
              </button>
            </div>
            {copied === c.field && c.field !== 'body' && c.field !== 'tags' ? (
              <p className="muted hint">نُسخ نصهم؛ الصقه في الحقل ثم اختر «حفظ نسختي فوقها».</p>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}

// The losing side of a conflict (or of any later save over this tab's): what this tab had saved
// was replaced by someone else's version, and the form already shows theirs. Said at once, by name,
// until dismissed; the replaced text stays in the article's history.
export function ReplacedNotice({
  replaced,
  sections,
  dates,
  onDismiss,
}: {
  replaced: readonly Replacement[];
  sections: { id: number; name: string }[];
  dates: DateSettings;
  onDismiss: () => void;
}) {
  return (
    // Announced when it appears (aria-live), without a second «status» beside the save state's.
    <div aria-live="polite">
      {replaced.length ? (
        <section className="notice replaced" aria-label="استُبدل ما حفظتَه">
          {replaced.map((r) => (
            <p key={r.field} data-field={r.field}>
              استبدل <bdi>{r.by ?? 'شخص آخر'}</bdi> ما حفظتَه في «{FIELD_LABELS[r.field]}» بنسخته
              {r.at ? ` (${formatArabicDateTime(new Date(r.at), dates)})` : ''}:{' '}
              <bdi className="replaced-value">{describeValue(r.field, r.value, sections)}</bdi>. نسختك محفوظة
              في سجل النسخ.
            </p>
          ))}
          <button type="button" onClick={onDismiss}>
            حسناً
          </button>
        </section>
      ) : null}
    </div>
  );
}
