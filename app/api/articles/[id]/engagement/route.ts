import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { db } from '@/db';
import { commentsStateOf, countApprovedComments, listApprovedComments } from '@/lib/newsroom/comments';
import { getArticleCounts } from '@/lib/reader/counters';
import { articles } from '@/db/schema';
import { getCurrentUser } from '@/lib/auth';
import { can } from '@/lib/shared/permissions';
import { idParams, publicRoute } from '@/lib/http/route';

// What the article page loads after it is shown (lib/reader/scripts.ts): the counts, the approved
// comments, whether comments are open, and, for a signed-in member of the newsroom who may edit
// the article, the editor's address (تحرير المقال). The page itself stays the same cached bytes for
// everyone; only this small answer differs, and it is never shared between a signed-in member and
// anyone else (Vary: Cookie, and no-store when signed in). For everyone signed out it is one
// answer, which a shared cache and server.mjs's front copy keep a few seconds: the counts readers
// see are at most that old; an approved comment shows at once (it bumps the reader cache).

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export const GET = publicRoute({ params: idParams }, async ({ params }) => {
  const articleId = params.id;
  const article = articleId
    ? db
        .select({
          id: articles.id,
          authorId: articles.authorId,
          status: articles.status,
          embargoUntil: articles.embargoUntil,
        })
        .from(articles)
        .where(eq(articles.id, articleId))
        .get()
    : undefined;
  // An article under embargo is, for readers, not there yet.
  if (!article || article.status !== 'published' || article.embargoUntil)
    return Response.json({ error: 'not_found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });

  const jar = await cookies();
  const signedIn = SESSION_COOKIES.some((name) => jar.has(name));
  const user = signedIn ? await getCurrentUser() : null;
  const editUrl = user && can(user, 'edit', article) ? `/newsroom/articles/${article.id}` : undefined;
  const items = listApprovedComments(article.id).map((c) => ({
    id: c.id,
    name: c.name,
    text: c.text,
    at: c.at.toISOString(),
  }));
  return Response.json(
    {
      ...getArticleCounts(article.id),
      comments: countApprovedComments(article.id),
      commentsOpen: commentsStateOf(article.id) === 'open',
      items,
      ...(editUrl ? { editUrl } : {}),
    },
    {
      headers: {
        // No stale-while-revalidate: browsers apply it too, and a reader's reload would show
        // the old answer.
        'Cache-Control': signedIn ? 'private, no-store' : 'public, max-age=0, s-maxage=5',
        Vary: 'Cookie',
      },
    },
  );
});
