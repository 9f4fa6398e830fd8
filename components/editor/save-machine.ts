// The autosave of one article, as plain TypeScript: no React, no DOM. Everything it depends on
// (the save function, the clock, the connection, the journal, the editor's document) comes in
// as a parameter, so tests drive every path with fakes (tests/unit/save-machine.test.ts) and the
// React hook (useAutosave.ts) only wires it to the page.
//
// What it promises:
// - a change is in the journal a moment after it is made, and leaves it only once the server
//   has acknowledged exactly it;
// - one save in flight at a time; changes made during a save are sent after it;
// - a save sends only the fields edited since the server last acknowledged them (the contract
//   of lib/shared/validation/article-save.ts), and the body as a patch of its changed blocks;
// - a field that someone else changed too is held, shown, and not sent until the journalist
//   chooses; other fields keep saving;
// - fields others changed that this tab did not touch are adopted; if this tab touched one of
//   them meanwhile, that is a conflict too: nothing they saved is dropped without being shown.
import {
  ARTICLE_FIELDS,
  type ArticleChanges,
  type ArticleField,
  type ArticleFieldValues,
  type SaveArticleInput,
  type SaveArticleResult,
} from '@/lib/shared/validation/article-save';
import {
  blockKey,
  blockKeysOf,
  mergeBlocks,
  resolveMerge,
  type BlockMerge,
  type MergeChoice,
} from '@/lib/document/merge';
import { bodyBase, bodyChange, type BodyBase } from './body-patch';

export type SaveOutcome =
  | { ok: true; data: SaveArticleResult }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

export type Clock = {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

// One record per article: the edited fields' values and the version they were based on.
export type JournalRecord = {
  articleId: number;
  baseVersion: number;
  edited: ArticleField[];
  values: ArticleChanges;
  updatedAt: number;
  // The block keys of the body the kept body was edited from, so that it merges by block when it
  // is sent later (lib/document/merge.ts).
  bodyBase?: string[];
};

export type MachineJournal = {
  write(record: JournalRecord): Promise<unknown>;
  clear(): Promise<unknown>;
};

// A field changed on both sides. changedBy is null when the other change was learnt from a save's
// `theirs` while this tab was editing the same field (the server does not say who, then).
export type HeldConflict = {
  field: ArticleField;
  theirs: ArticleFieldValues[ArticleField];
  changedBy: { id: number; name: string } | null;
  changedAt: number | null;
  // The body merged by block: the blocks both sides changed (what the panel shows), the merge
  // that settles them either way, and the keys of my body as it was sent (its base for typing
  // done since).
  merge?: BlockMerge<unknown>;
  mineKeys?: string[];
};

// A value this tab had saved, replaced since by someone else's (told at once, with who and what).
export type Replacement = {
  field: ArticleField;
  by: string | null;
  at: number | null;
  value: ArticleFieldValues[ArticleField];
};

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'error' | 'conflict';

export type Metadata = Omit<ArticleFieldValues, 'body'>;

export type SaveSnapshot = {
  status: SaveStatus;
  // The reason shown after لم يُحفظ (error and offline).
  message: string | null;
  conflicts: readonly HeldConflict[];
  values: Readonly<Metadata>;
  // The slug the server stored (values.slug is '' while it follows the headline).
  storedSlug: string;
  version: number;
  // The latest change is in this browser's journal.
  journalled: boolean;
  fieldErrors: Readonly<Record<string, string>>;
  savedAt: number | null;
  // Fields edited and not yet acknowledged (held ones included).
  unsaved: readonly ArticleField[];
  // This tab's saved values that someone else's replaced, until the journalist dismisses them.
  replaced: readonly Replacement[];
};

export type Timing = {
  debounceMs: number;
  maxWaitMs: number;
  retryFirstMs: number;
  retryMaxMs: number;
  journalMs: number;
};

export const DEFAULT_TIMING: Timing = {
  // Save a moment after typing stops, and at least this often while typing goes on.
  debounceMs: 1500,
  maxWaitMs: 20_000,
  // A save that failed for network reasons is retried, waiting longer each time up to a limit.
  retryFirstMs: 2_000,
  retryMaxMs: 30_000,
  // The journal is written this long after a change, so typing never waits for IndexedDB.
  journalMs: 300,
};

export const OFFLINE_MESSAGE = 'لا اتصال بالإنترنت';
export const NETWORK_MESSAGE = 'تعذّر الاتصال بالخادم؛ سنعيد المحاولة تلقائياً';
export const CONFLICT_MESSAGE = 'عدّل شخص آخر حقولاً عدّلتَها أنت أيضاً؛ اختر لكل حقل أدناه';

export type SaveMachineOptions = {
  articleId: number;
  version: number;
  values: ArticleFieldValues;
  bodyHash: string;
  storedSlug: string;
  editable: boolean;
  save: (input: SaveArticleInput) => Promise<SaveOutcome>;
  // The editor's current document (TipTap JSON); read only when saving or journalling.
  readBody: () => { content?: unknown[] };
  clock: Clock;
  isOnline: () => boolean;
  journal: MachineJournal;
  // Values the machine takes from elsewhere (theirs, a kept version, a restored journal): the
  // page puts them in place (the body into the editor, without emitting an edit).
  onAdopt?: (changes: ArticleChanges) => void;
  // Runs the journal's write when the page is idle (requestIdleCallback), so that serializing a
  // long body never competes with typing. Tests run it at once.
  idle?: (work: () => void) => void;
  timing?: Partial<Timing>;
};

type Failure = { kind: 'offline' | 'network' | 'refused'; message: string };

export function statusLabel(s: SaveSnapshot): string {
  const kept = s.journalled ? '؛ محفوظ على هذا الجهاز' : '';
  switch (s.status) {
    case 'saved':
      return 'تم الحفظ';
    case 'saving':
      return 'جارٍ الحفظ…';
    case 'dirty':
      return 'لم يُحفظ بعد';
    case 'conflict':
      return `لم يُحفظ: ${CONFLICT_MESSAGE}`;
    default:
      return `لم يُحفظ: ${s.message ?? OFFLINE_MESSAGE}${kept}`;
  }
}

export class SaveMachine {
  private readonly o: SaveMachineOptions;
  private readonly t: Timing;
  private values: Metadata;
  private version: number;
  private storedSlug: string;
  private base: BodyBase;
  // field → the sequence number of its latest edit; a field is here until a save of that edit
  // is acknowledged.
  private readonly edits = new Map<ArticleField, number>();
  private seq = 0;
  private readonly held = new Map<ArticleField, HeldConflict>();
  private inFlight: Promise<void> | null = null;
  // The flight in the air only asks what others saved (pull): not shown as «جارٍ الحفظ».
  private pulling = false;
  private queued = false;
  private wholeBody = false;
  // The base of a body restored from the journal (not the body this page loaded), until it is
  // acknowledged; `keys` is missing for a journal written before bodies merged by block.
  private restoredBase: { keys?: string[] } | null = null;
  private failure: Failure | null = null;
  private fieldErrors: Record<string, string> = {};
  private retryDelay: number;
  private journalled = false;
  private savedAt: number | null = null;
  // Fields whose stored value is this tab's (it saved them last, as far as it knows).
  private readonly ownSaved = new Set<ArticleField>();
  // The body's blocks this tab wrote (keys), as stored: the body is told as replaced only when one
  // of them is gone, not when others change paragraphs this tab never touched.
  private ownBlocks = new Set<string>();
  private replaced: Replacement[] = [];
  private debounce: unknown;
  private maxWait: unknown;
  private retry: unknown;
  private journalTimer: unknown;
  private disposed = false;
  private snap: SaveSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(options: SaveMachineOptions) {
    this.o = options;
    this.t = { ...DEFAULT_TIMING, ...options.timing };
    const { body, ...meta } = options.values;
    this.values = meta;
    this.version = options.version;
    this.storedSlug = options.storedSlug;
    this.base = bodyBase(body, options.bodyHash);
    this.retryDelay = this.t.retryFirstMs;
    this.snap = this.build();
  }

  // For useSyncExternalStore: the same object until something shown changes.
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly getSnapshot = (): SaveSnapshot => this.snap;

  edit<F extends keyof Metadata>(field: F, value: Metadata[F]): void {
    if (!this.o.editable || this.disposed) return;
    this.values = { ...this.values, [field]: value };
    if (field in this.fieldErrors) {
      const rest = { ...this.fieldErrors };
      delete rest[field];
      this.fieldErrors = rest;
    }
    this.touched(field);
  }

  // The body changed in the editor; its content is read when it is needed.
  editBody(): void {
    if (!this.o.editable || this.disposed) return;
    this.touched('body');
  }

  private touched(field: ArticleField): void {
    this.edits.set(field, ++this.seq);
    this.journalled = false;
    if (this.failure?.kind === 'refused') this.failure = null;
    this.scheduleJournal();
    if (!this.held.has(field)) this.scheduleSave();
    this.refresh();
  }

  // Saves what is pending now (Ctrl+S, before a workflow action) and tells whether everything
  // the journalist wrote is on the server.
  async saveNow(): Promise<boolean> {
    this.clearSaveTimers();
    for (let round = 0; round < 4; round++) {
      while (this.inFlight) await this.inFlight;
      if (!this.unsent().length || this.failure?.kind === 'refused') break;
      if (!this.o.isOnline()) {
        this.failure = { kind: 'offline', message: OFFLINE_MESSAGE };
        this.refresh();
        break;
      }
      await this.run();
    }
    return this.edits.size === 0 && this.held.size === 0 && !this.failure;
  }

  // The connection came back: send at once, with a fresh back-off.
  reconnect(): void {
    this.retryDelay = this.t.retryFirstMs;
    if (this.failure?.kind !== 'refused') this.failure = null;
    if (this.unsent().length) void this.run();
    else this.refresh();
  }

  wentOffline(): void {
    if (this.edits.size && !this.inFlight) {
      this.failure = { kind: 'offline', message: OFFLINE_MESSAGE };
      this.refresh();
    }
  }

  // The tab is closing: the journal gets the latest now. True when work is not on the server yet
  // (the page then asks before leaving).
  flush(): boolean {
    this.o.clock.clearTimeout(this.journalTimer);
    this.journalTimer = undefined;
    if (this.edits.size) this.writeJournal();
    return this.edits.size > 0 || this.inFlight !== null;
  }

  // Work this browser kept but the server never acknowledged: put back in place and sent,
  // based on the version it was written on, so the server's merge shows what collided.
  restore(record: JournalRecord): void {
    if (!this.o.editable || !record.edited.length) return;
    const { body, ...meta } = record.values;
    this.values = { ...this.values, ...meta };
    this.o.onAdopt?.(record.values);
    this.version = record.baseVersion;
    // The base of the journal's body is not the body this page loaded: send it whole.
    if (body !== undefined) {
      this.wholeBody = true;
      this.restoredBase = { keys: record.bodyBase };
    }
    for (const field of record.edited) this.edits.set(field, ++this.seq);
    this.refresh();
    void this.run();
  }

  keepTheirs(field: ArticleField): void {
    const conflict = this.held.get(field);
    if (!conflict) return;
    if (conflict.merge) return this.settleBody(conflict, 'theirs');
    this.ownSaved.delete(field);
    this.held.delete(field);
    this.edits.delete(field);
    if (field !== 'body') this.values = { ...this.values, [field]: conflict.theirs };
    this.o.onAdopt?.({ [field]: conflict.theirs } as ArticleChanges);
    this.afterJournalChange();
    this.refresh();
  }

  // Mine goes on top of theirs (theirs stays in the revisions).
  keepMine(field: ArticleField): void {
    const conflict = this.held.get(field);
    if (conflict?.merge) return this.settleBody(conflict, 'mine');
    if (!this.held.delete(field)) return;
    if (!this.edits.has(field)) this.edits.set(field, ++this.seq);
    this.refresh();
    void this.run();
  }

  // The body's conflicting blocks kept both ways: mine, then theirs after it (to combine by hand).
  // False when the conflict is not one merged by block.
  keepBoth(field: ArticleField): boolean {
    const conflict = this.held.get(field);
    if (!conflict?.merge) return false;
    this.settleBody(conflict, 'both');
    return true;
  }

  // A body conflict merged by block, settled: the blocks both changed taken one way, everything
  // else of both sides kept, and typing done since the conflict merged on top; then saved on top
  // of the stored body (the base is the stored body since the conflict).
  private settleBody(conflict: HeldConflict, choice: MergeChoice): void {
    this.held.delete('body');
    const settled = resolveMerge(conflict.merge!, choice);
    const current = this.o.readBody();
    const sinceConflict = mergeBlocks(conflict.mineKeys ?? [], current.content ?? [], settled);
    const blocks = resolveMerge(sinceConflict, choice === 'theirs' ? 'theirs' : 'mine');
    this.o.onAdopt?.({ body: JSON.stringify({ ...current, content: blocks }) });
    this.edits.set('body', ++this.seq);
    this.refresh();
    void this.run();
  }

  dismissReplaced(): void {
    this.replaced = [];
    this.refresh();
  }

  // Someone else saved a newer version (the collaboration server saw it): an empty save brings
  // back the fields they changed (`theirs`), adopted where this tab has not touched them. When a
  // save of this tab's own is pending or in the air, its answer brings them anyway.
  pull(version: number): void {
    if (!this.o.editable || this.disposed || version <= this.version) return;
    if (this.inFlight || this.unsent().length || !this.o.isOnline()) return;
    const input: SaveArticleInput = { articleId: this.o.articleId, baseVersion: this.version, changes: {} };
    this.pulling = true;
    const flight = this.send(input, new Map(), undefined).finally(() => {
      this.inFlight = null;
      this.pulling = false;
      this.refresh();
      if (this.queued) {
        this.queued = false;
        void this.run();
      }
    });
    this.inFlight = flight;
  }

  dispose(): void {
    this.disposed = true;
    this.clearSaveTimers();
    this.o.clock.clearTimeout(this.retry);
    this.o.clock.clearTimeout(this.journalTimer);
    this.listeners.clear();
  }

  // ---- saving

  private unsent(): ArticleField[] {
    return [...this.edits.keys()].filter((f) => !this.held.has(f));
  }

  private scheduleSave(): void {
    const clock = this.o.clock;
    clock.clearTimeout(this.debounce);
    this.debounce = clock.setTimeout(() => this.fire(), this.t.debounceMs);
    this.maxWait ??= clock.setTimeout(() => this.fire(), this.t.maxWaitMs);
  }

  private clearSaveTimers(): void {
    this.o.clock.clearTimeout(this.debounce);
    this.o.clock.clearTimeout(this.maxWait);
    this.debounce = undefined;
    this.maxWait = undefined;
  }

  private fire(): void {
    this.clearSaveTimers();
    void this.run();
  }

  private run(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.inFlight) {
      // Sent as soon as the save in flight is answered.
      this.queued = true;
      return this.inFlight;
    }
    const fields = this.unsent();
    if (!fields.length) {
      this.refresh();
      return Promise.resolve();
    }
    if (!this.o.isOnline()) {
      // The `online` event sends it (reconnect); until then the journal holds it.
      this.failure = { kind: 'offline', message: OFFLINE_MESSAGE };
      this.writeJournal();
      this.refresh();
      return Promise.resolve();
    }
    this.clearSaveTimers();
    this.o.clock.clearTimeout(this.retry);
    this.retry = undefined;
    const sentSeq = new Map(fields.map((f) => [f, this.edits.get(f)!]));
    const changes: ArticleChanges = {};
    let body: ReturnType<typeof bodyChange> | undefined;
    for (const field of fields) {
      if (field === 'body') {
        body = bodyChange(this.base, this.o.readBody(), !this.wholeBody);
        if (!body.patch) changes.body = body.body;
      } else {
        (changes as Record<string, unknown>)[field] = this.values[field];
      }
    }
    const input: SaveArticleInput = { articleId: this.o.articleId, baseVersion: this.version, changes };
    if (body?.patch) input.bodyPatch = body.patch;
    // A whole body names the body it was edited from, so that the server merges it by block.
    else if (body) input.bodyBase = this.bodyBaseKeys();
    this.failure = null;
    const flight = this.send(input, sentSeq, body).finally(() => {
      this.inFlight = null;
      this.refresh();
      if (this.queued) {
        this.queued = false;
        void this.run();
      }
    });
    this.inFlight = flight;
    this.refresh();
    return flight;
  }

  private bodyBaseKeys(): string[] | undefined {
    if (this.restoredBase) return this.restoredBase.keys;
    return this.base.blocks.map(blockKey);
  }

  private async send(
    input: SaveArticleInput,
    sentSeq: Map<ArticleField, number>,
    body: ReturnType<typeof bodyChange> | undefined,
  ): Promise<void> {
    let outcome: SaveOutcome;
    try {
      outcome = await this.o.save(input);
    } catch {
      // The request never got an answer: the network, a restart, a proxy. Retried, waiting
      // longer each time; the journal keeps the work meanwhile.
      const online = this.o.isOnline();
      this.failure = online
        ? { kind: 'network', message: NETWORK_MESSAGE }
        : { kind: 'offline', message: OFFLINE_MESSAGE };
      if (online) {
        this.retry = this.o.clock.setTimeout(() => {
          this.retry = undefined;
          void this.run();
        }, this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.t.retryMaxMs);
      }
      this.writeJournal();
      return;
    }
    if (this.disposed) return;
    if (!outcome.ok) {
      if (outcome.code === 'body_base_mismatch') {
        // The server's body is not the one the patch was made against: send it whole, now.
        this.wholeBody = true;
        this.queued = true;
        return;
      }
      // Refused (invalid field, permission, session): shown with its reason; sent again after
      // the next edit, since sending it unchanged would be refused again.
      this.failure = { kind: 'refused', message: outcome.message };
      this.fieldErrors = outcome.fieldErrors ?? {};
      this.writeJournal();
      return;
    }
    this.accept(outcome.data, sentSeq, body, input.bodyBase);
  }

  private accept(
    data: SaveArticleResult,
    sentSeq: Map<ArticleField, number>,
    body: ReturnType<typeof bodyChange> | undefined,
    sentBase: string[] | undefined,
  ): void {
    this.version = data.version;
    this.savedAt = data.savedAt;
    this.storedSlug = data.slug;
    this.retryDelay = this.t.retryFirstMs;
    this.fieldErrors = {};
    this.wholeBody = false;
    const applied = new Set(data.applied);
    if (body && (applied.has('body') || data.conflicts.some((c) => c.field === 'body')))
      this.restoredBase = null;
    if (applied.has('body') && body) {
      const before = new Set(this.base.blocks);
      const sent = body.blocks.filter((block) => !before.has(block)).map(blockKey);
      const now = new Set(body.blocks.map(blockKey));
      this.ownBlocks = new Set([...[...this.ownBlocks].filter((key) => now.has(key)), ...sent]);
    }
    for (const field of applied) {
      if (field === 'body' && body) this.base = { hash: data.bodyHash, blocks: body.blocks, rest: body.rest };
      // Acknowledged, unless edited again while the save was on its way.
      if (sentSeq.has(field) && this.edits.get(field) === sentSeq.get(field)) this.edits.delete(field);
      if (sentSeq.has(field) && field !== 'body') {
        this.ownSaved.add(field);
        this.replaced = this.replaced.filter((r) => r.field !== field);
      }
    }
    if (!applied.has('body')) this.base = { ...this.base, hash: data.bodyHash };
    if (applied.has('body') && body && data.body !== undefined)
      this.adoptMerged(data.body, data.bodyHash, body);
    for (const conflict of data.conflicts) {
      const held: HeldConflict = {
        field: conflict.field,
        theirs: conflict.theirs,
        changedBy: conflict.changedBy,
        changedAt: conflict.changedAt,
      };
      if (conflict.field === 'body' && conflict.blocks && body && sentBase) {
        // The same merge as the server's, on the same three bodies: it settles the conflict
        // either way on this side, keeping both sides' other changes.
        const mine = body.blocks.map((block) => JSON.parse(block) as unknown);
        const theirs = (JSON.parse(conflict.theirs as string) as { content?: unknown[] }).content ?? [];
        const merge = mergeBlocks(sentBase, mine, theirs);
        if (merge.conflicts.length) {
          held.merge = merge;
          held.mineKeys = body.blocks.map(blockKey);
        }
      }
      this.held.set(conflict.field, held);
      if (conflict.field === 'body') this.base = bodyBase(conflict.theirs as string, data.bodyHash);
    }
    const adopted: ArticleChanges = {};
    for (const field of ARTICLE_FIELDS) {
      if (!(field in data.theirs)) continue;
      const value = data.theirs[field] as ArticleFieldValues[typeof field];
      if (field === 'body') this.base = bodyBase(value as string, data.bodyHash);
      if (field === 'body' ? this.lostOwnBlocks(value as string) : this.ownSaved.delete(field)) {
        // What this tab had saved is gone under someone else's value: said at once, by name.
        const by = data.theirsBy?.[field];
        this.replaced = [
          ...this.replaced.filter((r) => r.field !== field),
          { field, by: by?.name ?? null, at: by?.at ?? null, value },
        ];
      }
      if (this.edits.has(field)) {
        // This tab edited it while the save was on its way: theirs is shown, not overwritten.
        if (!this.held.has(field))
          this.held.set(field, { field, theirs: value, changedBy: null, changedAt: data.savedAt });
      } else {
        (adopted as Record<string, unknown>)[field] = value;
        if (field !== 'body') this.values = { ...this.values, [field]: value };
      }
    }
    if (Object.keys(adopted).length) this.o.onAdopt?.(adopted);
    this.afterJournalChange();
    // Edits made during the save are sent by the timer they started (or at once if it fired);
    // a field the server did not apply and did not call a conflict is tried again.
    if (this.unsent().some((f) => sentSeq.get(f) === this.edits.get(f))) this.scheduleSave();
  }

  private lostOwnBlocks(body: string): boolean {
    if (!this.ownBlocks.size) return false;
    const now = new Set(blockKeysOf((JSON.parse(body) as { content?: unknown[] }).content ?? []));
    const lost = [...this.ownBlocks].some((key) => !now.has(key));
    this.ownBlocks = new Set([...this.ownBlocks].filter((key) => now.has(key)));
    return lost;
  }

  // The server merged this save's body with others' blocks: the stored body becomes the base and
  // goes into the editor, with any typing done while the save was on its way merged on top.
  private adoptMerged(stored: string, hash: string, sent: ReturnType<typeof bodyChange>): void {
    this.base = bodyBase(stored, hash);
    const storedDoc = JSON.parse(stored) as { content?: unknown[] };
    if (!this.edits.has('body')) {
      this.o.onAdopt?.({ body: stored });
      return;
    }
    const current = this.o.readBody();
    const merge = mergeBlocks(sent.blocks.map(blockKey), current.content ?? [], storedDoc.content ?? []);
    if (merge.conflicts.length === 0) {
      this.o.onAdopt?.({ body: JSON.stringify({ ...current, content: resolveMerge(merge, 'mine') }) });
      return;
    }
    // Typed, while the save was on its way, into a block someone else had changed: shown.
    this.held.set('body', {
      field: 'body',
      theirs: stored,
      changedBy: null,
      changedAt: this.savedAt,
      merge,
      mineKeys: blockKeysOf(current.content ?? []),
    });
  }

  // ---- the journal

  private scheduleJournal(): void {
    this.journalTimer ??= this.o.clock.setTimeout(() => {
      const write = () => {
        this.journalTimer = undefined;
        this.writeJournal();
      };
      if (this.o.idle) this.o.idle(write);
      else write();
    }, this.t.journalMs);
  }

  private afterJournalChange(): void {
    if (this.edits.size === 0) {
      // The server has exactly what the journal held.
      this.o.clock.clearTimeout(this.journalTimer);
      this.journalTimer = undefined;
      this.journalled = false;
      void this.o.journal.clear().catch(() => undefined);
    } else {
      this.writeJournal();
    }
  }

  private writeJournal(): void {
    if (!this.edits.size) return;
    const edited = [...this.edits.keys()];
    const values: ArticleChanges = {};
    for (const field of edited) {
      if (field === 'body') values.body = JSON.stringify(this.o.readBody());
      else (values as Record<string, unknown>)[field] = this.values[field];
    }
    const seq = this.seq;
    const bodyBaseKeys = values.body !== undefined ? this.bodyBaseKeys() : undefined;
    this.o.journal
      .write({
        articleId: this.o.articleId,
        baseVersion: this.version,
        edited,
        values,
        updatedAt: this.o.clock.now(),
        ...(bodyBaseKeys ? { bodyBase: bodyBaseKeys } : {}),
      })
      .then(() => {
        if (seq === this.seq && this.edits.size) {
          this.journalled = true;
          this.refresh();
        }
      })
      .catch(() => {
        this.journalled = false;
        this.refresh();
      });
  }

  // ---- what the page shows

  private build(): SaveSnapshot {
    let status: SaveStatus = 'saved';
    const unsent = this.unsent().length > 0;
    if (this.inFlight && !this.pulling) status = 'saving';
    else if (this.failure?.kind === 'offline' && unsent) status = 'offline';
    else if (this.failure && unsent) status = 'error';
    else if (this.held.size) status = 'conflict';
    else if (unsent) status = this.o.isOnline() ? 'dirty' : 'offline';
    const message =
      status === 'offline' ? OFFLINE_MESSAGE : status === 'error' ? (this.failure?.message ?? null) : null;
    const prev = this.snap as SaveSnapshot | undefined;
    const conflicts = [...this.held.values()];
    const unsavedNow = [...this.edits.keys()];
    return {
      status,
      message,
      conflicts:
        prev &&
        prev.conflicts.length === conflicts.length &&
        prev.conflicts.every((c, i) => c === conflicts[i])
          ? prev.conflicts
          : conflicts,
      values: this.values,
      storedSlug: this.storedSlug,
      version: this.version,
      // Shown only beside a failure (محفوظ على هذا الجهاز): otherwise it would change the snapshot,
      // and re-render the page, every few hundred milliseconds of typing.
      journalled: this.journalled && (status === 'offline' || status === 'error'),
      fieldErrors: this.fieldErrors,
      savedAt: this.savedAt,
      unsaved: prev && prev.unsaved.join() === unsavedNow.join() ? prev.unsaved : unsavedNow,
      replaced: this.replaced,
    };
  }

  private refresh(): void {
    const next = this.build();
    const prev = this.snap;
    const same = (Object.keys(next) as (keyof SaveSnapshot)[]).every((k) => next[k] === prev[k]);
    if (same) return;
    this.snap = next;
    for (const listener of this.listeners) listener();
  }
}
