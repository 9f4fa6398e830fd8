// The browser's journal of unsaved work (IndexedDB): every change is written here until the
// server acknowledges a save of that content, so a closed tab, a crash, a lost connection or a
// server restart loses nothing. One record per article, replaced on each change.

import type { JournalRecord } from './save-machine';

// What the editor before the save machine kept (every field, the tags as typed): read once so an
// entry written by that version is still restored, as edits of every field.
type OldEntry = {
  articleId: number;
  baseVersion: number;
  fields: {
    headline: string;
    deck: string;
    slug: string;
    slugEdited: boolean;
    sectionId: number | null;
    byline: string;
    dateline: string;
    tagsText: string;
    leadImage: { mediaId: number; alt: string; caption: string; credit: string } | null;
  };
  body: string;
  updatedAt: number;
};

function fromOld(entry: OldEntry): JournalRecord {
  const f = entry.fields;
  const values = {
    headline: f.headline,
    deck: f.deck,
    slug: f.slugEdited ? f.slug : '',
    sectionId: f.sectionId,
    byline: f.byline,
    dateline: f.dateline,
    tags: f.tagsText
      .split(/[,،\n]/)
      .map((t) => t.trim())
      .filter(Boolean),
    leadImage: f.leadImage && {
      mediaId: f.leadImage.mediaId,
      alt: f.leadImage.alt,
      caption: f.leadImage.caption,
      credit: f.leadImage.credit,
    },
    body: entry.body,
  };
  return {
    articleId: entry.articleId,
    baseVersion: entry.baseVersion,
    edited: Object.keys(values) as JournalRecord['edited'],
    values,
    updatedAt: entry.updatedAt,
  };
}

const DB_NAME = 'newsroom-journal';
// One record per open tab and article: two tabs on one article each keep their own work, and one
// tab's save never clears the other's. 'drafts' is the store of the first version (one record per
// article), still read so that nothing written by it is lost.
const OLD_STORE = 'drafts';
const STORE = 'tabs';

export type TabRecord = JournalRecord & { tabId: string };

let opening: Promise<IDBDatabase | null> | undefined;

function openJournal(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const request = indexedDB.open(DB_NAME, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OLD_STORE)) db.createObjectStore(OLD_STORE, { keyPath: 'articleId' });
      if (!db.objectStoreNames.contains(STORE)) {
        db.createObjectStore(STORE, { keyPath: ['articleId', 'tabId'] }).createIndex(
          'byArticle',
          'articleId',
        );
      }
    };
    request.onsuccess = () => resolve(request.result);
    // Private modes may refuse IndexedDB; the editor still works, only without the journal.
    request.onerror = () => resolve(null);
  });
  return opening;
}

async function run<T>(
  stores: string[],
  mode: IDBTransactionMode,
  act: (tx: IDBTransaction) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await openJournal();
  if (!db) return undefined;
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const request = act(tx);
    // Resolve when the transaction is durable, not just when the request is queued.
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function writeJournal(entry: TabRecord): Promise<unknown> {
  return run([STORE], 'readwrite', (tx) => tx.objectStore(STORE).put(entry));
}

export function clearJournal(articleId: number, tabId: string): Promise<unknown> {
  return run([STORE, OLD_STORE], 'readwrite', (tx) => {
    tx.objectStore(STORE).delete([articleId, tabId]);
    tx.objectStore(OLD_STORE).delete(articleId);
  });
}

// The newest work on this article kept by a tab that is no longer open (`live` are the tabs
// still open in this browser: their work is theirs, not to be restored twice).
export async function readJournal(
  articleId: number,
  live: ReadonlySet<string>,
): Promise<{ record: JournalRecord; tabId: string | null } | undefined> {
  const [tabs, old] = await Promise.all([
    run(
      [STORE],
      'readonly',
      (tx) => tx.objectStore(STORE).index('byArticle').getAll(articleId) as IDBRequest<TabRecord[]>,
    ),
    run(
      [OLD_STORE],
      'readonly',
      (tx) => tx.objectStore(OLD_STORE).get(articleId) as IDBRequest<OldEntry | undefined>,
    ),
  ]);
  const found: { record: JournalRecord; tabId: string | null }[] = (tabs ?? [])
    .filter((r) => !live.has(r.tabId))
    .map(({ tabId, ...record }) => ({ record, tabId }));
  if (old) found.push({ record: fromOld(old), tabId: null });
  found.sort((a, b) => b.record.updatedAt - a.record.updatedAt);
  return found[0];
}

// Once restored into this tab (and journalled under it), the dead tab's record goes.
export function forgetJournal(articleId: number, tabId: string | null): Promise<unknown> {
  return run([STORE, OLD_STORE], 'readwrite', (tx) => {
    if (tabId) tx.objectStore(STORE).delete([articleId, tabId]);
    else tx.objectStore(OLD_STORE).delete(articleId);
  });
}

const LOCK_PREFIX = 'newsroom-editor-tab:';

// Each open editor holds a Web Lock named by its tab for as long as the page lives, so another
// tab can tell whose journal belongs to a tab still open. Without Web Locks, no tab counts as
// open and a journal is restored as before.
export function holdTabLock(tabId: string): void {
  if (typeof navigator === 'undefined' || !navigator.locks) return;
  void navigator.locks
    .request(LOCK_PREFIX + tabId, () => new Promise<void>(() => undefined))
    .catch(() => undefined);
}

export async function liveTabs(): Promise<Set<string>> {
  if (typeof navigator === 'undefined' || !navigator.locks) return new Set();
  try {
    const state = await navigator.locks.query();
    return new Set(
      (state.held ?? [])
        .map((lock) => lock.name ?? '')
        .filter((name) => name.startsWith(LOCK_PREFIX))
        .map((name) => name.slice(LOCK_PREFIX.length)),
    );
  } catch {
    return new Set();
  }
}
