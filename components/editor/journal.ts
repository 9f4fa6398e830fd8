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
const STORE = 'drafts';

let opening: Promise<IDBDatabase | null> | undefined;

function openJournal(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'articleId' });
    request.onsuccess = () => resolve(request.result);
    // Private modes may refuse IndexedDB; the editor still works, only without the journal.
    request.onerror = () => resolve(null);
  });
  return opening;
}

async function run<T>(
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  const db = await openJournal();
  if (!db) return undefined;
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    // Resolve when the transaction is durable, not just when the request is queued.
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function writeJournal(entry: JournalRecord): Promise<unknown> {
  return run('readwrite', (store) => store.put(entry));
}

export async function readJournal(articleId: number): Promise<JournalRecord | undefined> {
  const entry = await run(
    'readonly',
    (store) => store.get(articleId) as IDBRequest<JournalRecord | OldEntry | undefined>,
  );
  if (!entry) return undefined;
  return 'edited' in entry ? entry : fromOld(entry);
}

export function clearJournal(articleId: number): Promise<unknown> {
  return run('readwrite', (store) => store.delete(articleId));
}
