import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { articles } from '@/db/schema';
import { getCurrentUser } from '@/lib/auth';
import { can } from '@/lib/permissions';
import { STAFF_HINT_COOKIE } from '@/lib/staff-edit-link';
import { parseId } from '@/lib/urls';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

// Where a reader page's تحرير المقال link goes, for a signed-in member who may edit the article;
// 204 for anyone else (a browser signed out since gets its hint cookie cleared). Authorized here,
// from the session read against the database, like every action.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  const user = await getCurrentUser();
  if (!user) {
    return new Response(null, {
      status: 204,
      headers: { ...PRIVATE, 'Set-Cookie': `${STAFF_HINT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax` },
    });
  }
  const article = articleId
    ? db
        .select({ authorId: articles.authorId, status: articles.status })
        .from(articles)
        .where(eq(articles.id, articleId))
        .get()
    : undefined;
  if (!article || !can(user, 'edit', article)) return new Response(null, { status: 204, headers: PRIVATE });
  return Response.json({ href: `/newsroom/articles/${articleId}` }, { headers: PRIVATE });
}
