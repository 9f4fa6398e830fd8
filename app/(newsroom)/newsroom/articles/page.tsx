import Link from 'next/link';
import { listSections } from '@/lib/newsroom/articles';
import { listIndexAuthors, listNewsroomArticles, type IndexFilter } from '@/lib/newsroom/article-list';
import { ARTICLE_STATUSES, type ArticleStatus } from '@/db/schema';
import { requireUser } from '@/lib/auth';
import { ARTICLES, countOf } from '@/lib/shared/arabic';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { newsroomSettings, zonedWallTimeToDate } from '@/lib/shared/settings';
import { articlePath } from '@/lib/shared/urls';
import { oneParam, positiveInt, when } from '../_desk/format';
import '../_desk/desk.css';
import { DayField } from '../_desk/TimeFields';
import { dayOfText } from '@/lib/shared/date-fields';

export const metadata = { title: 'كل المقالات' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DAY = 24 * 60 * 60 * 1000;
const Q_MAX = 200;

// A day typed in the form, as the instant it starts in the newsroom's time zone.
// The day as the field sends it (YYYY-MM-DD), or as typed without scripts (day/month/year).
function dayStart(value: string | undefined): { at?: number; error?: string } {
  if (!value) return {};
  const day = dayOfText(value);
  if (!day) return { error: 'تاريخ غير صالح: اكتبه يوماً/شهراً/سنة، مثل 25/03/2027' };
  return { at: zonedWallTimeToDate(`${day}T00:00:00`, newsroomSettings.dates.timeZone).getTime() };
}

export default async function AllArticlesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const query = await searchParams;
  const q = (oneParam(query.q) ?? '').slice(0, Q_MAX);
  const statusParam = oneParam(query.status);
  const status = ARTICLE_STATUSES.includes(statusParam as ArticleStatus)
    ? (statusParam as ArticleStatus)
    : undefined;
  const sectionId = positiveInt(query.section);
  const authorId = positiveInt(query.author);
  const fromText = oneParam(query.from) ?? '';
  const untilText = oneParam(query.until) ?? '';
  const from = dayStart(fromText);
  const until = dayStart(untilText);
  const filter: IndexFilter = {
    q,
    status,
    sectionId,
    authorId,
    from: from.at,
    // "Until" a day includes that whole day.
    until: until.at === undefined ? undefined : until.at + DAY,
    page: positiveInt(query.page) ?? 1,
  };
  const result = listNewsroomArticles(user, filter);
  const sections = listSections();
  const authors = listIndexAuthors(user);

  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (status) params.set('status', status);
    if (sectionId) params.set('section', String(sectionId));
    if (authorId) params.set('author', String(authorId));
    if (fromText && !from.error) params.set('from', fromText);
    if (untilText && !until.error) params.set('until', untilText);
    params.set('page', String(page));
    return `/newsroom/articles?${params.toString()}`;
  };

  return (
    <>
      <h1>كل المقالات</h1>
      <form method="get" role="search" aria-label="بحث في المقالات" className="desk-toolbar">
        <div className="field wide">
          <label htmlFor="index-q">بحث في المقالات</label>
          <input id="index-q" name="q" type="search" defaultValue={q} maxLength={Q_MAX} />
        </div>
        <div className="field">
          <label htmlFor="index-status">الحالة</label>
          <select id="index-status" name="status" defaultValue={status ?? ''}>
            <option value="">كل الحالات</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="index-section">القسم</label>
          <select id="index-section" name="section" defaultValue={sectionId ?? ''}>
            <option value="">كل الأقسام</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {authors.length > 1 ? (
          <div className="field">
            <label htmlFor="index-author">الكاتب</label>
            <select id="index-author" name="author" defaultValue={authorId ?? ''}>
              <option value="">كل الكتّاب</option>
              {authors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <DayField
          id="index-from"
          name="from"
          label="آخر تعديل من"
          defaultValue={fromText}
          error={from.error}
        />
        <DayField id="index-until" name="until" label="إلى" defaultValue={untilText} error={until.error} />
        <button type="submit" className="primary">
          تصفية
        </button>
      </form>

      <p className="muted" role="status">
        {countOf(result.total, ARTICLES)}
        {result.pageCount > 1 ? ` · الصفحة ${result.page} من ${result.pageCount}` : ''}
      </p>
      {result.items.length === 0 ? (
        <p>لا توجد نتائج</p>
      ) : (
        <div className="desk-scroll">
          <table className="list">
            <thead>
              <tr>
                <th scope="col">العنوان</th>
                <th scope="col">الحالة</th>
                <th scope="col">القسم</th>
                <th scope="col">الكاتب</th>
                <th scope="col">آخر تعديل</th>
                <th scope="col">عدد الكلمات</th>
                <th scope="col">الرابط المنشور</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link href={`/newsroom/articles/${item.id}`}>{item.headline || 'بلا عنوان'}</Link>
                  </td>
                  <td>
                    <span className="status">{STATUS_LABELS[item.status]}</span>
                  </td>
                  <td>{item.sectionName ?? '—'}</td>
                  <td>
                    <bdi>{item.authorName}</bdi>
                  </td>
                  <td>
                    <time dateTime={item.updatedAt.toISOString()}>{when(item.updatedAt)}</time>
                  </td>
                  <td>{item.wordCount}</td>
                  <td>
                    {item.status === 'published' ? (
                      // A short visible name that the accessible name contains (axe: label-content-name-mismatch);
                      // the raw address wrapped badly in a narrow column. The full address is its title.
                      <Link href={articlePath(item)} title={decodeURIComponent(articlePath(item))}>
                        عرض<span className="visually-hidden"> النسخة المنشورة من «{item.headline}»</span>
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pageCount > 1 ? (
        <nav className="pager" aria-label="الصفحات">
          {result.page > 1 ? <Link href={pageHref(result.page - 1)}>الصفحة السابقة</Link> : null}
          <span>
            الصفحة {result.page} من {result.pageCount}
          </span>
          {result.page < result.pageCount ? (
            <Link href={pageHref(result.page + 1)}>الصفحة التالية</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
