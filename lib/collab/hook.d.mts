import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
export declare const COLLAB_PATH: '/collab';
export declare function collaborationEnabled(): boolean;
export declare function superviseCollaboration(): void;
export declare function collabUpgrades(options?: {
  trustProxy?: boolean;
}): (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
