import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth';
import { publicRoute } from '@/lib/http/route';

const nextAuth = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

// Sign-in, sign-out and the session, through the public door: posts only from this site's own
// pages, as forms (next-auth checks its CSRF token too).
export const GET = publicRoute({}, ({ request, params }) =>
  nextAuth(request, { params: Promise.resolve(params) }),
);
export const POST = publicRoute({ body: 'form', maxBytes: 4096 }, ({ request, params }) =>
  nextAuth(request, { params: Promise.resolve(params) }),
);
