import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { encode } from 'next-auth/jwt';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '@/db';
import { articles, type User } from '@/db/schema';
import { documentNameOf, type CollabNotice } from '@/lib/shared/collab-protocol';
import { authSecret } from '@/lib/auth/secret';
import { createUser } from '@/lib/auth/users';

// A journalist's browser, in Node: the same provider the editor runs, over the `ws` package, with
// the next-auth session cookie a signed-in browser sends along with the upgrade.

export async function sessionCookie(user: Pick<User, 'id' | 'sessionVersion'>): Promise<string> {
  const token = await encode({
    token: { sub: String(user.id), ver: user.sessionVersion },
    secret: authSecret(),
  });
  return `next-auth.session-token=${token}`;
}

// A journalist of the collaboration tests (each test process has a database of its own).
export const journalist = (email: string, name: string, role: 'reporter' | 'editor') =>
  createUser({ email, name, role, password: 'long-enough-password' });

// The two journalists most collaboration tests need: سارة the reporter and خالد the editor, at `site`.
export async function reporterAndEditor(site: string): Promise<{ reporter: User; editor: User }> {
  const [reporter, editor] = await Promise.all([
    journalist(`r@${site}`, 'سارة', 'reporter'),
    journalist(`e@${site}`, 'خالد', 'editor'),
  ]);
  return { reporter, editor };
}

export type Client = {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  notices: CollabNotice[];
  denied: string[];
  closes: { code: number; reason: string }[];
  readOnly: () => boolean;
  text: () => string;
  destroy: () => void;
};

export async function connect(
  port: number,
  articleId: number,
  cookie: string | null,
  extra: { origin?: string } = {},
): Promise<Client> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (extra.origin) headers.origin = extra.origin;
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const notices: CollabNotice[] = [];
  const denied: string[] = [];
  const closes: { code: number; reason: string }[] = [];
  let readOnly = false;
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}/collab`,
    WebSocketPolyfill: CookieSocket,
    // The tests want to see a close, not a reconnection.
    maxAttempts: 1,
  });
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: documentNameOf(articleId),
    document: doc,
    token: 'cookie',
    onStateless: ({ payload }) => notices.push(JSON.parse(payload) as CollabNotice),
    onAuthenticationFailed: ({ reason }) => denied.push(reason),
    onAuthenticated: ({ scope }) => {
      readOnly = scope === 'readonly';
    },
    onClose: ({ event }) => closes.push({ code: event.code, reason: String(event.reason) }),
  });
  // A provider given its socket does not attach to it by itself.
  provider.attach();
  return {
    doc,
    provider,
    notices,
    denied,
    closes,
    readOnly: () => readOnly,
    text: () => fragmentText(doc),
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

// The paragraphs' text of the shared body, one per line.
export function fragmentText(doc: Y.Doc): string {
  return doc
    .getXmlFragment('default')
    .toArray()
    .map((block) => (block instanceof Y.XmlElement ? block.toArray().map(String).join('') : ''))
    .join('\n');
}

// Appends text to paragraph `index` of the shared body, as the editor's binding would.
export function typeInto(doc: Y.Doc, index: number, text: string, at?: number): void {
  const block = doc.getXmlFragment('default').get(index) as Y.XmlElement;
  let node = block.get(0) as Y.XmlText | undefined;
  if (!node) {
    node = new Y.XmlText();
    block.insert(0, [node]);
  }
  node.insert(at ?? node.length, text);
}

export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// A journalist connected and synced, kept in `clients` for the test's clean-up.
export async function openSynced(
  port: number,
  articleId: number,
  user: User,
  clients: Client[],
): Promise<Client> {
  const client = await connect(port, articleId, await sessionCookie(user));
  clients.push(client);
  await until(() => client.provider.isSynced, 10_000, 'the client to sync');
  return client;
}

// The stored body's paragraphs, as text (what the save door last wrote).
export function storedParagraphs(articleId: number): string[] {
  const row = db.select().from(articles).where(eq(articles.id, articleId)).get()!;
  const body = JSON.parse(row.bodyJson) as { content?: { content?: { text: string }[] }[] };
  return (body.content ?? []).map((block) => (block.content ?? []).map((t) => t.text).join(''));
}
