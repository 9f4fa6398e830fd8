'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ArticleChanges } from '@/lib/shared/validation/article-save';
import { clearJournal, holdTabLock, writeJournal } from './journal';
import { SaveMachine, type Clock, type SaveMachineOptions, type SaveSnapshot } from './save-machine';

const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine;

function idle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 0);
}

export type AutosaveOptions = Omit<
  SaveMachineOptions,
  'clock' | 'isOnline' | 'journal' | 'idle' | 'onAdopt'
> & {
  onAdopt: { current: (changes: ArticleChanges) => void };
};

// The save machine of one open article, wired to the page: the browser's clock, connection and
// IndexedDB journal; Ctrl/Cmd+S; leaving with unsaved work; the connection coming and going.
export function useAutosave(options: AutosaveOptions): {
  machine: SaveMachine;
  snapshot: SaveSnapshot;
  tabId: string;
} {
  // This tab's name in the journal (random, never sent anywhere).
  const [tabId] = useState(() =>
    typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2),
  );
  const [machine] = useState(
    () =>
      new SaveMachine({
        ...options,
        clock: browserClock,
        isOnline,
        idle,
        journal: {
          write: (record) => writeJournal({ ...record, tabId }),
          clear: () => clearJournal(options.articleId, tabId),
        },
        onAdopt: (changes) => options.onAdopt.current(changes),
      }),
  );
  const snapshot = useSyncExternalStore(machine.subscribe, machine.getSnapshot, machine.getSnapshot);

  useEffect(() => holdTabLock(tabId), [tabId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void machine.saveNow();
      }
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (machine.flush()) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    const onOnline = () => machine.reconnect();
    const onOffline = () => machine.wentOffline();
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      // Leaving the editor inside the app: what is not saved yet goes to the journal now.
      machine.flush();
    };
  }, [machine]);

  return { machine, snapshot, tabId };
}
