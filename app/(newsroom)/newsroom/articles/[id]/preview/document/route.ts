import { getArticlePreview } from '@/lib/newsroom/preview';
import { articleNotFoundHtml, articlePageHtml } from '@/app/(public)/news/[id]/[slug]/article-page';
import { getCurrentUser } from '@/lib/auth';
import { escapeHtml } from '@/lib/reader/html';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { ForbiddenError } from '@/lib/shared/permissions';
import { parseId } from '@/lib/shared/urls';
import type { ArticleStatus } from '@/db/schema';
import { publicRoute } from '@/lib/http/route';

// GET /newsroom/articles/<id>/preview/document: the working copy as the reader's article page,
// written by the reader page's own code (articlePageHtml) with the publish renderer's HTML, for
// the preview page's frame. Never cached (it changes with every autosave and is not public), not
// indexed, and its script does not run: a preview must not count as a reader's view.
export const dynamic = 'force-dynamic';

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  // No script (the view beacon, the counters), framed only by the newsroom's own preview page:
  // the CSP of its route kind, 'preview' (lib/http/security-headers.ts, set by proxy.ts).
};

async function get(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) {
    return new Response(null, { status: 303, headers: { Location: '/signin', 'Cache-Control': 'no-store' } });
  }
  const articleId = parseId((await params).id);
  let preview;
  try {
    preview = articleId ? getArticlePreview(user, articleId) : undefined;
  } catch (error) {
    // Someone else's draft is, for a reporter, as if it did not exist (as in the editor).
    if (!(error instanceof ForbiddenError)) throw error;
  }
  if (!preview) return new Response(articleNotFoundHtml(), { status: 404, headers: HEADERS });
  const page = articlePageHtml(preview);
  return new Response(withPreviewNotice(page, preview.status as ArticleStatus), { headers: HEADERS });
}

// The reader page as it is, with one line above the article saying what this is.
function withPreviewNotice(page: string, status: ArticleStatus): string {
  const notice =
    `<p class="preview-notice" role="note"><strong>معاينة</strong>: نسخة العمل كما سيراها القراء؛ ` +
    `لم تُنشر (الحالة: ${escapeHtml(STATUS_LABELS[status])}).</p>`;
  // The counters are readers' live figures, filled by the script that does not run here.
  const style =
    '<style>.preview-notice{background:#fff4c2;border:1px solid #d9b600;padding:.5rem .75rem;' +
    'margin-block:1rem;border-radius:.25rem}.counters{display:none}</style>';
  return page
    .replace('</head>', `<meta name="robots" content="noindex" />${style}</head>`)
    .replace(/<main\b[^>]*>/, (main) => `${main}${notice}`);
}

// Through the readers' door (lib/http/route.ts), which here reads nothing of the request itself.
export const GET = publicRoute({ sameOrigin: false }, ({ request, params }) =>
  get(request, { params: Promise.resolve(params) } as never),
);
