// Types of lib/server/front-copy.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingMessage, ServerResponse } from 'node:http';

export function frontCopy(options: { ttlMs: number; maxBytes: number; generation: () => number }): {
  sync(): number;
  eligible(req: IncomingMessage, route: { copy: boolean; signedOutOnly: boolean }, search: string): boolean;
  answer(req: IncomingMessage, res: ServerResponse, pathname: string): 'served' | 'refresh' | 'miss';
  tee(req: IncomingMessage, res: ServerResponse, pathname: string, started: number): void;
};
