// Types of lib/server/request-guard.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardOptions } from './action-guard.mjs';

export function requestGuard(options: {
  trustProxy: boolean;
  action: GuardOptions;
}): (
  incoming: IncomingMessage,
  res: ServerResponse,
  route: { bodyLimit: number; tooLarge: string },
) => Promise<IncomingMessage | null>;
