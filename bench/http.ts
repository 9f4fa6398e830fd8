// HTTP plumbing shared by the benchmarks that act as journalists: sign in through next-auth's
// credentials endpoint, find a server action's id in the page's scripts, and call it as the
// browser does (a POST with the Next-Action header and the arguments as React encodes them).

export async function signIn(base: string, email: string, password = 'newsroom-demo'): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in failed for ${email}`);
  return session.split(';')[0]!;
}

export async function actionId(pageUrl: string, cookie: string, name: string): Promise<string> {
  const html = await (await fetch(pageUrl, { headers: { cookie } })).text();
  for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    const code = await (await fetch(new URL(src!, pageUrl))).text();
    const match = new RegExp(`"([0-9a-f]{40,})"[^"]{0,200}"${name}"`).exec(code);
    if (match) return match[1]!;
  }
  throw new Error(`no action ${name}`);
}

// React's encodeReply writes a string that starts with '$' as '$$…' (a lone '$…' is a reference).
function escapeReply(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeReply);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, escapeReply(child)]));
  }
  return value;
}

// Returns the response's text (React's flight rows; the action's result is the JSON on row 1).
export async function postAction(
  pageUrl: string,
  id: string,
  cookie: string,
  args: unknown[],
): Promise<string> {
  const init: RequestInit = {
    method: 'POST',
    headers: {
      'Next-Action': id,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: new URL(pageUrl).origin,
      cookie,
    },
    body: JSON.stringify(escapeReply(args)),
  };
  // Node's fetch may reuse a keep-alive socket the server has just closed; one retry covers that.
  let response: Response;
  try {
    response = await fetch(pageUrl, init);
  } catch {
    response = await fetch(pageUrl, init);
  }
  return response.text();
}
