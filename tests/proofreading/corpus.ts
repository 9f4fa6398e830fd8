import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The proofreading corpus (tests/proofreading/corpus-*.txt): news sentences written for this
// project with their errors marked [written>correct|kind]. Read by the quality test and the
// benchmark; nothing in the app imports it.

export const SPELLING_KINDS = ['typo', 'hamza', 'taa', 'ya'] as const;
export type ErrorKind = (typeof SPELLING_KINDS)[number] | 'style';
export type MarkedError = { from: number; to: number; written: string; correct: string; kind: ErrorKind };
export type CorpusSentence = { file: string; line: number; text: string; errors: MarkedError[] };

const MARK = /\[([^\]>|]+)>([^\]|]+)\|(typo|hamza|taa|ya|style)\]/g;

export function parseSentence(marked: string): { text: string; errors: MarkedError[] } {
  let text = '';
  let last = 0;
  const errors: MarkedError[] = [];
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(last, m.index);
    const from = text.length;
    text += m[1]!;
    errors.push({ from, to: text.length, written: m[1]!, correct: m[2]!, kind: m[3] as ErrorKind });
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (/[[\]]/.test(text)) throw new Error(`unparsed mark in: ${marked}`);
  return { text, errors };
}

export function readCorpus(dir = path.join(process.cwd(), 'tests', 'proofreading')): CorpusSentence[] {
  const out: CorpusSentence[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /^corpus-\d+\.txt$/.test(f))
    .sort()) {
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.trim();
        if (!line || line.startsWith('#')) return;
        out.push({ file, line: i + 1, ...parseSentence(line) });
      });
  }
  return out;
}
