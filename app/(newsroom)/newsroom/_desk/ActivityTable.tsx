import Link from 'next/link';
import type { ActivityEntry } from '@/lib/newsroom/activity';
import type { ArticleStatus } from '@/db/schema';
import { eventLabel } from '@/lib/shared/desk-labels';
import { ROLE_LABELS, STATUS_LABELS } from '@/lib/shared/labels';
import { when } from './format';

const stateLabel = (status: string | null) =>
  status ? (STATUS_LABELS[status as ArticleStatus] ?? status) : '—';

// A role change's detail is stored as "reporter → editor"; shown in the glossary's words.
function detailText(entry: ActivityEntry): string | null {
  if (!entry.detail) return null;
  if (entry.action === 'role_changed' || entry.action === 'member_added') {
    return entry.detail.replace(/\b(reporter|editor|admin)\b/g, (role) => ROLE_LABELS[role as 'reporter']);
  }
  return entry.detail;
}

// سجل النشاط as a table: who, when, what, on which article or member, from which state to which.
export function ActivityTable({ entries, showArticle }: { entries: ActivityEntry[]; showArticle: boolean }) {
  if (entries.length === 0) return <p className="muted">لا يوجد نشاط.</p>;
  return (
    <div className="desk-scroll">
      <table className="list">
        <thead>
          <tr>
            <th scope="col">الوقت</th>
            <th scope="col">من</th>
            <th scope="col">الإجراء</th>
            {showArticle ? <th scope="col">على</th> : null}
            <th scope="col">من حالة</th>
            <th scope="col">إلى حالة</th>
            <th scope="col">تفاصيل</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.createdAt.toISOString()}>{when(entry.createdAt)}</time>
              </td>
              <td>
                <bdi>{entry.actorName ?? '—'}</bdi>
              </td>
              <td>{eventLabel(entry.action)}</td>
              {showArticle ? (
                <td>
                  {entry.articleId ? (
                    <Link href={`/newsroom/articles/${entry.articleId}/history`}>
                      <bdi>{entry.articleHeadline || `المقال ${entry.articleId}`}</bdi>
                    </Link>
                  ) : entry.userName ? (
                    <bdi>{entry.userName}</bdi>
                  ) : (
                    '—'
                  )}
                </td>
              ) : null}
              <td>{entry.fromStatus ? stateLabel(entry.fromStatus) : '—'}</td>
              <td>{entry.toStatus ? stateLabel(entry.toStatus) : '—'}</td>
              <td>
                <bdi>{detailText(entry) ?? ''}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
