export type Room = { name: string; what: string; paths: string[]; uses: string[] };
export const ROOMS: Room[];
export function roomOf(file: string): Room | undefined;
export function restrictedPathZones(): { target: string[]; from: string[]; message: string }[];
