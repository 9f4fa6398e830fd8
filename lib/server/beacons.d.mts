// Types of lib/server/beacons.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { IncomingMessage, ServerResponse } from 'node:http';

export function beaconIntake(options: {
  trustProxy: boolean;
  https: boolean;
  flushMs?: number;
  batchSize?: number;
  busyGiveUpMs?: number;
  file?: string;
}): (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;
