import type { Server } from 'node:http';
export declare const COLLAB_PATH: '/collab';
export declare function collaborationEnabled(): boolean;
export declare function superviseCollaboration(): void;
export declare function stopCollaboration(): Promise<void>;
export declare function collabUpgrades(options?: { trustProxy?: boolean }): (this: Server) => void;
