import { stripDiacritics } from '@/lib/shared/arabic';
import {
  arabicWords,
  buildMatcher,
  spellingPoints,
  wordKey,
  type HouseRule,
  type Matcher,
  type ProofPoint,
  type ProofSettings,
} from '@/lib/shared/proofreading/matcher';

// The browser's side of proofreading, one per open editor: the house style (polled by version),
// the answers of the server's Hunspell for the words seen so far, the words ignored in this
// session. Checking a paragraph is synchronous and pure (the matcher, microseconds); a word never
// asked about is sent in a batch in the background and gives no point until its answer is in,
// then every listener is told (revision changes) and the visible paragraphs are checked again.

export const PROOF_ENDPOINT = '/api/proofreading';
// A rule added on قواعد أسلوب التحرير reaches this editor within a minute.
export const POLL_MS = 20_000;
const BATCH_MS = 120;
const BATCH_MAX = 400;
const ENABLED_KEY = 'newsroom-proofreading';
const SPELLABLE = /^[\p{Script=Arabic}\p{M}]+$/u;

type Style = { version: number; rules: HouseRule[]; words: string[]; settings: ProofSettings };

export type MenuRequest = {
  point: ProofPoint;
  /** Where the point is: the body (document positions) or a field and its offsets. */
  where: { kind: 'body'; from: number; to: number } | { kind: 'field'; field: string };
  rect: { left: number; top: number; bottom: number };
};

export class ProofChecker {
  version = 0;
  revision = 0;
  private matcher: Matcher = buildMatcher([], { digits: 'latn', arabicPunctuation: true });
  private accepted = new Set<string>();
  private known = new Map<string, boolean>();
  private suggestions = new Map<string, string[]>();
  private queued = new Set<string>();
  private inFlight = new Set<string>();
  private ignored = new Set<string>();
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private listeners = new Set<() => void>();
  private menuListeners = new Set<(menu: MenuRequest | null) => void>();
  menu: MenuRequest | null = null;
  /** التدقيق أثناء الكتابة, on unless this browser turned it off (kept in localStorage). */
  enabled = true;

  constructor(private readonly fetcher: typeof fetch = (...args) => fetch(...args)) {}

  start(pollMs = POLL_MS): void {
    try {
      this.enabled = localStorage.getItem(ENABLED_KEY) !== 'off';
    } catch {
      // Storage refused (private mode): checking stays on.
    }
    if (!this.enabled) this.changed();
    void this.refresh();
    this.pollTimer = setInterval(() => void this.refresh(), pollMs);
  }

  stop(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.listeners.clear();
    this.menuListeners.clear();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.revision += 1;
    for (const l of [...this.listeners]) l();
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    try {
      localStorage.setItem(ENABLED_KEY, on ? 'on' : 'off');
    } catch {
      // Not kept; this page still follows the choice.
    }
    this.changed();
  }

  /** Fetches the house style when its version moved (or the first time). */
  async refresh(): Promise<void> {
    try {
      const response = await this.fetcher(`${PROOF_ENDPOINT}?known=${this.version}`, { cache: 'no-store' });
      if (!response.ok) return;
      const body = (await response.json()) as Style | { version: number; unchanged: true };
      if ('unchanged' in body) return;
      this.adopt(body);
    } catch {
      // Offline or signed out: the last house style stays in force.
    }
  }

  adopt(style: Style): void {
    this.version = style.version;
    this.matcher = buildMatcher(style.rules, style.settings);
    this.accepted = new Set([...this.matcher.acceptedKeys, ...style.words.map(wordKey)]);
    this.changed();
  }

  /** Style and spelling points of one text; words not asked about yet are sent in the background. */
  check(text: string): ProofPoint[] {
    const style = this.matcher.check(text);
    for (const token of arabicWords(text)) {
      const bare = stripDiacritics(token.text);
      if (this.known.has(bare) || this.inFlight.has(bare)) continue;
      // What the spell route accepts (one Arabic word of at most 40 letters); anything else, a
      // word with a joiner pasted in it, is left unchecked rather than spoil its whole batch.
      if (bare.length > 40 || !SPELLABLE.test(bare)) this.known.set(bare, true);
      else this.queued.add(bare);
    }
    if (this.queued.size > 0) this.scheduleBatch();
    const unknown = {
      get: (word: string) =>
        this.known.get(word) === false ? (this.suggestions.get(word) ?? []) : undefined,
    };
    const spelling = spellingPoints(text, unknown, this.accepted, style);
    const all = [...style, ...spelling].sort((a, b) => a.from - b.from);
    return this.ignored.size === 0 ? all : all.filter((p) => !this.ignored.has(stripDiacritics(p.text)));
  }

  private scheduleBatch(): void {
    if (this.batchTimer) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null;
      void this.sendBatch();
    }, BATCH_MS);
  }

  private async sendBatch(): Promise<void> {
    const words = [...this.queued].slice(0, BATCH_MAX);
    if (words.length === 0) return;
    for (const w of words) {
      this.queued.delete(w);
      this.inFlight.add(w);
    }
    if (this.queued.size > 0) this.scheduleBatch();
    try {
      const response = await this.fetcher(`${PROOF_ENDPOINT}/spell`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ words }),
      });
      if (!response.ok) return;
      const { unknown } = (await response.json()) as { unknown: string[] };
      const bad = new Set(unknown);
      for (const w of words) this.known.set(w, !bad.has(w));
      if (bad.size > 0) this.changed();
    } catch {
      // Asked again the next time the word is checked.
    } finally {
      for (const w of words) this.inFlight.delete(w);
    }
  }

  /** Hunspell's suggestions for a word (asked when the menu opens). */
  async suggest(word: string): Promise<string[]> {
    const bare = stripDiacritics(word);
    const cached = this.suggestions.get(bare);
    if (cached) return cached;
    try {
      const response = await this.fetcher(`${PROOF_ENDPOINT}/suggest?word=${encodeURIComponent(bare)}`);
      if (!response.ok) return [];
      const { suggestions } = (await response.json()) as { suggestions: string[] };
      this.suggestions.set(bare, suggestions);
      return suggestions;
    } catch {
      return [];
    }
  }

  /** أضف إلى القاموس: for the whole newsroom. Returns an Arabic message when refused. */
  async addToDictionary(word: string): Promise<string | null> {
    try {
      const response = await this.fetcher(`${PROOF_ENDPOINT}/dictionary`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ word: stripDiacritics(word) }),
      });
      const body = (await response.json()) as {
        ok?: boolean;
        message?: string;
        fieldErrors?: { word?: string };
      };
      if (!response.ok) return body.fieldErrors?.word ?? body.message ?? 'لم تُضف الكلمة.';
      this.accepted.add(wordKey(word));
      this.changed();
      void this.refresh();
      return null;
    } catch {
      return 'تعذّر الاتصال بالخادم. أعد المحاولة.';
    }
  }

  /** تجاهل: this word is not pointed out again in this editor. */
  ignore(word: string): void {
    this.ignored.add(stripDiacritics(word));
    this.changed();
  }

  openMenu(menu: MenuRequest | null): void {
    this.menu = menu;
    for (const l of [...this.menuListeners]) l(menu);
  }

  onMenu(listener: (menu: MenuRequest | null) => void): () => void {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }
}
