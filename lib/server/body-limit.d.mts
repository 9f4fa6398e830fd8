// Types of lib/server/body-limit.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingMessage, ServerResponse } from 'node:http';

export function guardBodyLimit(
  req: IncomingMessage,
  res: ServerResponse,
  route: { bodyLimit: number; tooLarge: string },
): Promise<IncomingMessage | null>;
export function replayedRequest(req: IncomingMessage, body: Buffer): IncomingMessage;
