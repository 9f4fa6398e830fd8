import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getArticleForEdit } from '@/lib/newsroom/articles';
import { requireUser } from '@/lib/auth';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { ForbiddenError } from '@/lib/shared/permissions';
import { parseId } from '@/lib/shared/urls';

export const metadata = { title: 'معاينة' };
// Every request reads the working copy as it is now: never a cached copy of an older one.
export const dynamic = 'force-dynamic';

// The preview (معاينة): the working copy framed at a phone's or a desktop's width, as the reader's
// article page would show it (the frame is that page, ./document/route.ts). Nothing is published.
// The desktop frame takes the newsroom column's whole width (up to 72rem, a desktop's layout), so
// the page never scrolls sideways.
const WIDTHS = {
  phone: {
    label: (
      <>
        هاتف (<bdi dir="ltr">390 px</bdi>)
      </>
    ),
  },
  desktop: { label: 'حاسوب' },
} as const;
type Device = keyof typeof WIDTHS;

export default async function PreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ device?: string | string[] }>;
}) {
  const user = await requireUser();
  const articleId = parseId((await params).id);
  if (!articleId) notFound();
  let article;
  try {
    article = getArticleForEdit(user, articleId);
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
  if (!article) notFound();
  const asked = (await searchParams).device;
  const device: Device = asked === 'phone' ? 'phone' : 'desktop';
  const base = `/newsroom/articles/${article.id}/preview`;
  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h1 id="preview-heading">
        معاينة: <bdi>{article.headline || 'بلا عنوان'}</bdi>
      </h1>
      <p className="muted">
        نسخة العمل كما ستظهر للقراء عند النشر؛ لم تُنشر (الحالة: {STATUS_LABELS[article.status]}).
      </p>
      <nav aria-label="عرض المعاينة" className="preview-devices">
        <ul>
          {(Object.keys(WIDTHS) as Device[]).map((key) => (
            <li key={key}>
              <Link
                href={`${base}?device=${key}`}
                aria-current={key === device ? 'page' : undefined}
                prefetch={false}
              >
                {WIDTHS[key].label}
              </Link>
            </li>
          ))}
          <li>
            <Link href={`/newsroom/articles/${article.id}`}>تحرير المقال</Link>
          </li>
        </ul>
      </nav>
      <div className="preview-frame" data-device={device}>
        <iframe
          title={`معاينة: ${article.headline || 'بلا عنوان'}`}
          src={`${base}/document`}
          // No script runs in the preview (the document's own policy says so too).
          sandbox="allow-same-origin allow-popups"
        />
      </div>
    </section>
  );
}
