// Types of lib/server/front-copy.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingMessage, ServerResponse } from 'node:http';

export function frontCopy(options: {
  ttlMs: number;
  maxBytes: number;
  maxQueryBytes?: number;
  generation: () => number;
}): {
  sync(): number;
  keyOf(
    req: IncomingMessage,
    route: {
      copy: boolean;
      signedOutOnly: boolean;
      query?: ((params: URLSearchParams) => string | null) | undefined;
    },
    pathname: string,
    search: string,
  ): string | null;
  answer(req: IncomingMessage, res: ServerResponse, key: string): 'served' | 'refresh' | 'miss';
  tee(req: IncomingMessage, res: ServerResponse, key: string, started: number): void;
};
