// Types of lib/server/supervisor.mjs (plain JavaScript, since server.mjs loads it untranspiled).
export declare function heapFlags(): string[];
export declare function allocatorEnv(): NodeJS.ProcessEnv;
export declare function isSupervisor(workers: number): boolean;
export declare function supervise(count: number): void;
