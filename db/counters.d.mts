// Types of db/counters.mjs (plain JavaScript, since server.mjs loads it untranspiled).
import type { Database } from 'better-sqlite3';

export type Visitor = { id: string; address: string };
export type Beacon = { kind: 'view' | 'share'; articleId: number; visitor: Visitor };

export const VIEW_WINDOW_MS: number;
export const ADDRESS_CAP: number;
export const VIEW_HOURS_KEPT: number;
export function recordBeacons(client: Database, beacons: readonly Beacon[], now?: Date): boolean[];
export function visitorSalt(client: Database, now?: Date): string;
export function visitorOf(salt: string, address: string, userAgent: string): Visitor;
