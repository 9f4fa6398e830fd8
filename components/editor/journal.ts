// The browser's journal of unsaved work (IndexedDB): every change is written here until the
// server acknowledges a save of that content, so a closed tab, a crash, a lost connection or a
// server restart loses nothing. One record per article, replaced on each change.

export type ArticleFields = {
  headline: string;
  deck: string;
  slug: string;
  slugEdited: boolean;
  sectionId: number | null;
  byline: string;
  dateline: string;
  tagsText: string;
  // The lead image and its texts; src only to show it in the editor.
  leadImage: { mediaId: number; alt: string; caption: string; credit: string; src: string } | null;
};

export type JournalEntry = {
  articleId: number;
  // The server version this work was based on: a save from it is a conflict if the article moved on.
  baseVersion: number;
  fields: ArticleFields;
  // The TipTap document as a JSON string, exactly what a save sends.
  body: string;
  updatedAt: number;
};

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

export function writeJournal(entry: JournalEntry): Promise<unknown> {
  return run('readwrite', (store) => store.put(entry));
}

export function readJournal(articleId: number): Promise<JournalEntry | undefined> {
  return run('readonly', (store) => store.get(articleId) as IDBRequest<JournalEntry | undefined>);
}

export function clearJournal(articleId: number): Promise<unknown> {
  return run('readwrite', (store) => store.delete(articleId));
}
