import type { JSONContent } from '@tiptap/core';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CURRENT, getRevisionPair, type RevisionDetail } from '@/lib/newsroom/history';
import { requireUser } from '@/lib/auth';
import { reasonLabel } from '@/lib/shared/desk-labels';
import { ActionError } from '@/lib/shared/errors';
import {
  blockKindLabel,
  compareDocuments,
  hasBodyChanges,
  wordDiff,
  type BlockChange,
  type DocumentBlock,
  type WordPart,
} from '@/lib/newsroom/revision-diff';
import { parseId } from '@/lib/shared/urls';
import { oneParam, orNotFound, positiveInt, when } from '../../../../_desk/format';
import '../../../../_desk/desk.css';

export const metadata = { title: 'مقارنة نسختين' };

type Params = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// A revision number, or "current" for the working copy.
function revisionParam(value: string | string[] | undefined): number | undefined {
  return oneParam(value) === 'current' ? CURRENT : positiveInt(value);
}

function describe(r: RevisionDetail): React.ReactNode {
  if (r.id === CURRENT) return <>النسخة الحالية (آخر حفظ، {when(r.createdAt)})</>;
  return (
    <>
      النسخة {r.number} ({reasonLabel(r.reason)}، <bdi>{r.createdByName}</bdi>، {when(r.createdAt)})
    </>
  );
}

const revisionName = (r: RevisionDetail) => (r.id === CURRENT ? 'النسخة الحالية' : `النسخة ${r.number}`);

function Parts({ parts, side }: { parts: WordPart[]; side: 'before' | 'after' | 'both' }) {
  return (
    <>
      {parts.map((part, i) => {
        if (part.op === 'same') return <span key={i}>{part.text}</span>;
        if (part.op === 'inserted') return side === 'before' ? null : <ins key={i}>{part.text}</ins>;
        return side === 'after' ? null : <del key={i}>{part.text}</del>;
      })}
    </>
  );
}

function Block({
  block,
  className,
  label,
  notes = [],
  children,
}: {
  block: DocumentBlock;
  className: string;
  label: string;
  notes?: string[];
  children: React.ReactNode;
}) {
  return (
    <div className={`diff-block ${className}`} dir={block.dir ?? 'rtl'}>
      <span className="diff-label" dir="rtl">
        {label}
      </span>
      {children}
      {notes.map((note) => (
        <span key={note} className="diff-note" dir="rtl">
          {note}
        </span>
      ))}
    </div>
  );
}

function BodyChange({ change }: { change: BlockChange }) {
  switch (change.op) {
    case 'same':
      return (
        <Block
          block={change.block}
          className={change.notes.length ? 'changed' : 'same'}
          label={blockKindLabel(change.block.kind)}
          notes={change.notes}
        >
          {change.block.text}
        </Block>
      );
    case 'changed':
      return (
        <Block
          block={change.after}
          className="changed"
          label={`${blockKindLabel(change.after.kind)} · عُدّلت`}
          notes={change.notes}
        >
          <Parts parts={change.parts} side="both" />
        </Block>
      );
    case 'inserted':
      return (
        <Block
          block={change.block}
          className="inserted"
          label={`${blockKindLabel(change.block.kind)} · أُضيفت`}
        >
          <ins>{change.block.text || '—'}</ins>
        </Block>
      );
    case 'deleted':
      return (
        <Block block={change.block} className="deleted" label={`${blockKindLabel(change.block.kind)} · حُذفت`}>
          <del>{change.block.text || '—'}</del>
        </Block>
      );
    case 'moved_from':
      return (
        <Block
          block={change.block}
          className="moved"
          label={`${blockKindLabel(change.block.kind)} · نُقلت من هنا`}
        >
          <del>{change.block.text}</del>
        </Block>
      );
    case 'moved_to':
      return (
        <Block
          block={change.block}
          className="moved"
          label={`${blockKindLabel(change.block.kind)} · نُقلت إلى هنا`}
          notes={change.notes}
        >
          <ins>{change.block.text}</ins>
        </Block>
      );
  }
}

// Long runs of unchanged blocks fold away, so the changes are what one reads.
function Body({ changes }: { changes: BlockChange[] }) {
  const groups: (BlockChange | BlockChange[])[] = [];
  for (const change of changes) {
    const quiet = change.op === 'same' && change.notes.length === 0;
    const last = groups.at(-1);
    if (quiet && Array.isArray(last)) last.push(change);
    else groups.push(quiet ? [change] : change);
  }
  return (
    <div className="diff">
      {groups.map((group, i) =>
        Array.isArray(group) ? (
          group.length > 2 ? (
            <details key={i}>
              <summary className="muted">{group.length} كتل بلا تغيير</summary>
              {group.map((change, j) => (
                <BodyChange key={j} change={change} />
              ))}
            </details>
          ) : (
            group.map((change, j) => <BodyChange key={`${i}-${j}`} change={change} />)
          )
        ) : (
          <BodyChange key={i} change={group} />
        ),
      )}
    </div>
  );
}

const METADATA: { label: string; value: (r: RevisionDetail) => string }[] = [
  { label: 'العنوان', value: (r) => r.headline },
  { label: 'العنوان الفرعي', value: (r) => r.deck },
  { label: 'الرابط المختصر', value: (r) => r.slug },
  { label: 'القسم', value: (r) => r.sectionName ?? '' },
  { label: 'الوسوم', value: (r) => r.tags.join('، ') },
  { label: 'مكان الخبر', value: (r) => r.dateline },
  { label: 'الكاتب', value: (r) => r.byline },
  { label: 'الصورة الرئيسية', value: (r) => (r.leadImageId ? `صورة رقم ${r.leadImageId}` : '') },
  { label: 'النص البديل', value: (r) => r.leadImageAlt },
  { label: 'التعليق على الصورة', value: (r) => r.leadImageCaption },
  { label: 'مصدر الصورة', value: (r) => r.leadImageCredit },
];

function Metadata({ before, after }: { before: RevisionDetail; after: RevisionDetail }) {
  return (
    <table className="side-by-side">
      <thead>
        <tr>
          <th scope="col">الحقل</th>
          <th scope="col">{revisionName(before)}</th>
          <th scope="col">{revisionName(after)}</th>
        </tr>
      </thead>
      <tbody>
        {METADATA.map(({ label, value }) => {
          const a = value(before);
          const b = value(after);
          const parts = a === b ? null : wordDiff(a, b);
          return (
            <tr key={label} className={parts ? 'differs' : undefined}>
              <th scope="row">{label}</th>
              <td className="diff-inline" dir="auto">
                {parts ? <Parts parts={parts} side="before" /> : a || '—'}
              </td>
              <td className="diff-inline" dir="auto">
                {parts ? <Parts parts={parts} side="after" /> : b || '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CompareForm({ from, to, error }: { from?: number; to?: number; error?: string }) {
  return (
    <form method="get" className="desk-toolbar" aria-label="مقارنة">
      <div className="field">
        <label htmlFor="compare-from">من النسخة</label>
        <input
          id="compare-from"
          name="from"
          type="text"
          inputMode="numeric"
          defaultValue={from === CURRENT ? 'current' : (from ?? '')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'compare-error' : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="compare-to">إلى النسخة</label>
        <input
          id="compare-to"
          name="to"
          type="text"
          inputMode="numeric"
          defaultValue={to === CURRENT ? 'current' : (to ?? '')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'compare-error' : undefined}
        />
      </div>
      <button type="submit">مقارنة</button>
      {error ? (
        <p id="compare-error" role="alert" className="field-error" style={{ flexBasis: '100%' }}>
          {error}
        </p>
      ) : null}
    </form>
  );
}

export default async function ComparePage({ params, searchParams }: Params) {
  const user = await requireUser();
  const articleId = parseId((await params).id);
  if (!articleId) notFound();
  const query = await searchParams;
  const from = revisionParam(query.from);
  const to = revisionParam(query.to);
  let pair: [RevisionDetail, RevisionDetail] | null = null;
  let error: string | undefined;
  if (from === undefined || to === undefined) {
    error = 'اختر نسختين للمقارنة: رقم النسخة عدد صحيح من سجل النسخ.';
  } else {
    try {
      pair = getRevisionPair(user, articleId, from, to);
    } catch (caught) {
      // A revision of another article, or none: said next to the field. Anything else (the
      // article is not this person's to see) is a 404 like any address that is not theirs.
      if (caught instanceof ActionError && caught.fieldErrors?.compare) error = caught.fieldErrors.compare;
      else
        orNotFound(() => {
          throw caught;
        });
    }
  }

  const header = (
    <>
      <nav className="desk-crumbs" aria-label="المقال">
        <Link href={`/newsroom/articles/${articleId}/history`}>سجل النسخ</Link>
        <Link href={`/newsroom/articles/${articleId}`}>تحرير المقال</Link>
      </nav>
      <h1>مقارنة</h1>
    </>
  );
  if (!pair) {
    return (
      <>
        {header}
        <CompareForm from={from} to={to} error={error} />
      </>
    );
  }
  const [before, after] = pair;
  const changes = compareDocuments(
    JSON.parse(before.bodyJson) as JSONContent,
    JSON.parse(after.bodyJson) as JSONContent,
  );
  return (
    <>
      {header}
      <p className="muted">
        من {describe(before)} إلى {describe(after)}.{' '}
        <span className="diff-inline">
          <ins>المضاف</ins> <del>المحذوف</del>
        </span>
      </p>
      <CompareForm from={before.id} to={after.id} />
      <section aria-labelledby="body-heading">
        <h2 id="body-heading">نص المقال</h2>
        {hasBodyChanges(changes) ? (
          <Body changes={changes} />
        ) : (
          <p className="muted">لا تغيير في نص المقال.</p>
        )}
      </section>
      <section aria-labelledby="meta-heading">
        <h2 id="meta-heading">بيانات المقال</h2>
        <div className="desk-scroll">
          <Metadata before={before} after={after} />
        </div>
      </section>
    </>
  );
}
