'use client';

import type { JSONContent } from '@tiptap/core';
import { Extension } from '@tiptap/core';
import { Fragment, Slice } from '@tiptap/pm/model';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor } from '@tiptap/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  approveArticleAction,
  publishArticleAction,
  requestChangesAction,
  saveDraftAction,
  submitForReviewAction,
  unpublishArticleAction,
} from '@/app/(newsroom)/newsroom/articles/actions';
import type { ConflictState } from '@/db/queries/articles';
import type { ArticleStatus } from '@/db/schema';
import { formatReadingTime, readingTimeMinutes } from '@/lib/arabic';
import type { ActionResult, FieldErrors } from '@/lib/errors';
import { cleanPastedHtml, plainTextParagraphs } from '@/lib/paste';
import type { ArticleAction } from '@/lib/permissions';
import { ConflictPanel } from './ConflictPanel';
import { ARTICLE_TEXT_DIRECTION, articleExtensions } from '@/lib/article-document/extensions';
import { clearJournal, readJournal, writeJournal, type ArticleFields } from './journal';
import { ImageDetails } from './ImageDetails';
import { LeadImageField } from './LeadImageField';
import { LinkForm } from './LinkForm';
import { MediaLibrary } from '@/components/media/MediaLibrary';
import { PresenceNotice } from './PresenceNotice';
import { splitTags, TagsField } from './TagsField';
import { Toolbar } from './Toolbar';
import { createWordCounter } from '@/lib/article-document/stats';
import './editor.css';

export type EditableArticle = {
  id: number;
  version: number;
  status: ArticleStatus;
  statusLabel: string;
  headline: string;
  deck: string;
  slug: string;
  slugLocked: boolean;
  sectionId: number | null;
  sections: { id: number; name: string }[];
  byline: string;
  leadImage: ArticleFields['leadImage'];
  dateline: string;
  tags: string[];
  body: JSONContent;
  // Counted by the server at the last save; the editor recounts as the journalist types.
  wordCount: number;
  authorName: string;
  changesRequestedReason: string | null;
  publicPath: string | null;
  allowed: ArticleAction[];
};

// Save a moment after typing stops, and at least this often while typing goes on.
const AUTOSAVE_DELAY_MS = 1500;
const AUTOSAVE_MAX_WAIT_MS = 20_000;
// A save that failed for network reasons is retried, waiting longer each time up to a limit.
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 30_000;
// The journal is written this long after a change, so typing never waits for IndexedDB.
const JOURNAL_DELAY_MS = 300;

const OFFLINE_MESSAGE = 'لا اتصال بالإنترنت';
const NETWORK_MESSAGE = 'تعذّر الاتصال بالخادم؛ سنعيد المحاولة تلقائياً';

type SaveState =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'offline' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string; current: ConflictState };

type WorkflowAction = Exclude<ArticleAction, 'view' | 'edit'>;

const WORKFLOW: { action: WorkflowAction; label: string; primary?: boolean }[] = [
  { action: 'submit', label: 'إرسال للمراجعة', primary: true },
  { action: 'requestChanges', label: 'طلب تعديلات' },
  { action: 'approve', label: 'اعتماد', primary: true },
  { action: 'publish', label: 'نشر', primary: true },
  { action: 'unpublish', label: 'إلغاء النشر' },
];

const WORKFLOW_ACTIONS: Record<
  WorkflowAction,
  (input: { articleId: number; reason?: string }) => Promise<ActionResult<{ version: number }>>
> = {
  submit: submitForReviewAction,
  requestChanges: requestChangesAction,
  approve: approveArticleAction,
  publish: publishArticleAction,
  unpublish: unpublishArticleAction,
};

const sameFields = (a: ArticleFields, b: ArticleFields) => JSON.stringify(a) === JSON.stringify(b);

// Runs `work` when the browser is idle (or soon), so derived figures never compete with typing.
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}

export function ArticleEditor({ article }: { article: EditableArticle }) {
  const router = useRouter();
  const canEdit = article.allowed.includes('edit');
  const initialFields: ArticleFields = {
    headline: article.headline,
    deck: article.deck,
    slug: article.slug,
    slugEdited: article.slugLocked,
    sectionId: article.sectionId,
    byline: article.byline,
    dateline: article.dateline,
    tagsText: article.tags.join('، '),
    leadImage: article.leadImage,
  };
  const [form, setForm] = useState<ArticleFields>(initialFields);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const [journalled, setJournalled] = useState(false);
  const [journalChecked, setJournalChecked] = useState(false);
  const [restored, setRestored] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [workflowError, setWorkflowError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  // Shown to readers above the article when a published article is published again.
  const [publicNote, setPublicNote] = useState('');
  const republishing =
    article.allowed.includes('publish') &&
    (article.status === 'published' || article.status === 'unpublished');
  const [linkOpen, setLinkOpen] = useState(false);
  const [imagePicker, setImagePicker] = useState(false);
  const [wordCount, setWordCount] = useState(article.wordCount);

  // Refs hold what the next save sends, so timers never read stale React state.
  const fields = useRef(initialFields);
  const version = useRef(article.version);
  const dirty = useRef(false);
  const changeSeq = useRef(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const inConflict = useRef(false);
  const retryDelay = useRef(RETRY_FIRST_MS);
  const debounceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const maxWaitTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const journalTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelCount = useRef<() => void>(() => undefined);
  const [countDocumentWords] = useState(createWordCounter);
  const saveRef = useRef<() => Promise<boolean>>(async () => true);
  const journalRef = useRef<() => void>(() => undefined);
  const openLinkRef = useRef<() => void>(() => undefined);

  const clearTimers = () => {
    clearTimeout(debounceTimer.current);
    clearTimeout(maxWaitTimer.current);
    debounceTimer.current = undefined;
    maxWaitTimer.current = undefined;
  };

  const scheduleSave = useCallback(() => {
    clearTimeout(debounceTimer.current);
    debounceTimer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_DELAY_MS);
    maxWaitTimer.current ??= setTimeout(() => void saveRef.current(), AUTOSAVE_MAX_WAIT_MS);
  }, []);

  const scheduleJournal = useCallback(() => {
    setJournalled(false);
    journalTimer.current ??= setTimeout(() => {
      whenIdle(() => {
        journalTimer.current = undefined;
        journalRef.current();
      });
    }, JOURNAL_DELAY_MS);
  }, []);

  const markDirty = useCallback(() => {
    dirty.current = true;
    changeSeq.current += 1;
    scheduleJournal();
    if (!inConflict.current) {
      // Returning the same state object when nothing changes keeps keystrokes from re-rendering.
      const next = navigator.onLine ? 'dirty' : 'offline';
      setSaveState((s) =>
        s.kind === 'saving' || s.kind === 'error' || s.kind === next ? s : { kind: next },
      );
    }
    scheduleSave();
  }, [scheduleJournal, scheduleSave]);

  const editor = useEditor({
    extensions: [
      ...articleExtensions,
      Placeholder.configure({ placeholder: 'اكتب نص المقال هنا…' }),
      // Ctrl/Cmd+K opens the link form; the other shortcuts come with StarterKit.
      Extension.create({
        name: 'articleShortcuts',
        addKeyboardShortcuts: () => ({
          'Mod-k': () => {
            openLinkRef.current();
            return true;
          },
        }),
      }),
    ],
    textDirection: ARTICLE_TEXT_DIRECTION,
    content: article.body,
    // Editable once the journal has been checked, so nothing typed can race a restore.
    editable: false,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id: 'article-body',
        'aria-label': 'نص المقال',
        'aria-multiline': 'true',
        role: 'textbox',
      },
      transformPastedHTML: (html) => cleanPastedHtml(html),
      // Pasted into an empty line, the first pasted block replaces it whole, direction included.
      transformPasted: (slice, view) => {
        const { selection } = view.state;
        const first = slice.content.firstChild;
        if (
          selection.empty &&
          selection.$from.parent.content.size === 0 &&
          slice.openStart > 0 &&
          first?.isTextblock
        ) {
          return new Slice(slice.content, 0, slice.openEnd);
        }
        return slice;
      },
      clipboardTextParser: (text, _context, _plain, view) => {
        const { schema } = view.state;
        const paragraphs = plainTextParagraphs(text).map((p) =>
          schema.nodes.paragraph!.create({ dir: p.dir }, schema.text(p.text)),
        );
        // Open on both sides: the first and last pasted paragraphs join the ones at the cursor.
        return paragraphs.length ? new Slice(Fragment.from(paragraphs), 1, 1) : Slice.empty;
      },
    },
    onUpdate: ({ editor: e }) => {
      markDirty();
      cancelCount.current();
      cancelCount.current = whenIdle(() => setWordCount(countDocumentWords(e.state.doc)));
    },
  });

  useEffect(() => {
    journalRef.current = () => {
      if (!editor) return;
      const seq = changeSeq.current;
      void writeJournal({
        articleId: article.id,
        baseVersion: version.current,
        fields: fields.current,
        body: JSON.stringify(editor.getJSON()),
        updatedAt: Date.now(),
      })
        .then(() => {
          if (seq === changeSeq.current) setJournalled(true);
        })
        .catch(() => setJournalled(false));
    };
  }, [article.id, editor]);

  const save = useCallback(async (): Promise<boolean> => {
    // One save at a time: a change made during a save is sent by the next one.
    while (inFlight.current) await inFlight.current;
    if (!editor || !dirty.current || inConflict.current) return !inConflict.current && !dirty.current;
    if (!navigator.onLine) {
      // The `online` event sends it; until then the journal holds it.
      setSaveState({ kind: 'offline' });
      return false;
    }
    clearTimers();
    dirty.current = false;
    const seq = changeSeq.current;
    const sent = fields.current;
    setSaveState({ kind: 'saving' });
    const attempt = saveDraftAction({
      articleId: article.id,
      baseVersion: version.current,
      headline: sent.headline,
      deck: sent.deck,
      dateline: sent.dateline,
      byline: sent.byline,
      sectionId: sent.sectionId,
      // A slug typed by hand locks it; an emptied one follows the headline again.
      slug: sent.slugEdited ? sent.slug : undefined,
      tags: splitTags(sent.tagsText),
      leadImage: sent.leadImage && {
        mediaId: sent.leadImage.mediaId,
        alt: sent.leadImage.alt,
        caption: sent.leadImage.caption,
        credit: sent.leadImage.credit,
      },
      body: JSON.stringify(editor.getJSON()),
    })
      .then((result) => {
        if (result.ok) {
          version.current = result.data.version;
          retryDelay.current = RETRY_FIRST_MS;
          setFieldErrors({});
          if (fields.current.slug === sent.slug || !fields.current.slugEdited) {
            const slugEdited = sent.slugEdited && sent.slug.trim() !== '';
            fields.current = { ...fields.current, slug: result.data.slug, slugEdited };
            setForm((f) => ({ ...f, slug: result.data.slug, slugEdited }));
          }
          if (seq === changeSeq.current) {
            // The server has exactly what the journal holds.
            clearTimeout(journalTimer.current);
            journalTimer.current = undefined;
            void clearJournal(article.id);
          } else {
            journalRef.current();
          }
          setSaveState(dirty.current ? { kind: 'dirty' } : { kind: 'saved' });
          return true;
        }
        dirty.current = true;
        setFieldErrors(result.fieldErrors ?? {});
        if (result.code === 'conflict') {
          inConflict.current = true;
          setSaveState({
            kind: 'conflict',
            message: result.message,
            current: result.current as ConflictState,
          });
        } else {
          setSaveState({ kind: 'error', message: result.message });
        }
        return false;
      })
      .catch(() => {
        dirty.current = true;
        setSaveState(navigator.onLine ? { kind: 'error', message: NETWORK_MESSAGE } : { kind: 'offline' });
        clearTimeout(debounceTimer.current);
        debounceTimer.current = setTimeout(() => void saveRef.current(), retryDelay.current);
        retryDelay.current = Math.min(retryDelay.current * 2, RETRY_MAX_MS);
        return false;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = attempt;
    const ok = await attempt;
    if (ok && dirty.current) scheduleSave();
    return ok;
  }, [article.id, editor, scheduleSave]);

  useEffect(() => {
    saveRef.current = save;
    openLinkRef.current = () => {
      if (editor?.isEditable) setLinkOpen(true);
    };
  }, [save, editor]);

  // On opening: work that this browser kept but the server never acknowledged comes back and is
  // saved. Based on an older version than the server's, that save becomes a normal conflict.
  useEffect(() => {
    if (!editor) return;
    let cancelled = false;
    readJournal(article.id)
      .catch(() => undefined)
      .then((entry) => {
        if (cancelled) return;
        setJournalChecked(true);
        if (!entry || !canEdit) return;
        const serverBody = JSON.stringify(editor.getJSON());
        if (entry.body === serverBody && sameFields(entry.fields, fields.current)) {
          void clearJournal(article.id);
          return;
        }
        editor.commands.setContent(JSON.parse(entry.body) as JSONContent, { emitUpdate: false });
        fields.current = entry.fields;
        setForm(entry.fields);
        version.current = entry.baseVersion;
        setRestored(true);
        setWordCount(countDocumentWords(editor.state.doc));
        markDirty();
        void saveRef.current();
      });
    return () => {
      cancelled = true;
    };
  }, [editor, article.id, canEdit, markDirty, countDocumentWords]);

  useEffect(() => {
    const editable = canEdit && journalChecked;
    // Without `false`, setEditable emits an update, which would look like an edit and autosave.
    if (editor && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, canEdit, journalChecked]);

  // Ctrl/Cmd+S saves now; leaving with unsaved work asks first; the connection coming back saves.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveRef.current();
      }
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current || inFlight.current) {
        journalRef.current();
        event.preventDefault();
        event.returnValue = '';
      }
    };
    const onOnline = () => {
      retryDelay.current = RETRY_FIRST_MS;
      if (dirty.current) void saveRef.current();
    };
    const onOffline = () => {
      if (dirty.current && !inConflict.current) setSaveState({ kind: 'offline' });
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      clearTimers();
      clearTimeout(journalTimer.current);
      cancelCount.current();
    };
  }, []);

  function updateField<K extends keyof ArticleFields>(name: K, value: ArticleFields[K]) {
    const extra = name === 'slug' ? { slugEdited: true } : {};
    fields.current = { ...fields.current, [name]: value, ...extra };
    setForm((f) => ({ ...f, [name]: value, ...extra }));
    markDirty();
  }

  function resolveConflict(current: ConflictState) {
    inConflict.current = false;
    version.current = current.version;
  }

  function keepTheirs(current: ConflictState) {
    resolveConflict(current);
    dirty.current = false;
    fields.current = { ...fields.current, headline: current.headline };
    setForm((f) => ({ ...f, headline: current.headline }));
    editor?.commands.setContent(current.body, { emitUpdate: false });
    clearTimeout(journalTimer.current);
    journalTimer.current = undefined;
    void clearJournal(article.id);
    setSaveState({ kind: 'saved' });
  }

  function keepMine(current: ConflictState) {
    // The other version stays in the revisions; ours becomes the newest on top of it.
    resolveConflict(current);
    markDirty();
    void save();
  }

  function copyTheirs(current: ConflictState) {
    // Their text follows ours, to be merged by hand; the result is saved on top of theirs.
    resolveConflict(current);
    if (editor) {
      const end = editor.state.doc.content.size;
      editor
        .chain()
        .insertContentAt(end, current.body.content ?? [])
        .focus()
        .run();
    }
    markDirty();
  }

  async function runWorkflow(action: WorkflowAction) {
    setWorkflowError(null);
    if (action === 'requestChanges' && !reasonOpen) {
      setReasonOpen(true);
      return;
    }
    setBusy(true);
    try {
      if (canEdit && !(await save())) {
        setWorkflowError('احفظ المقال أولاً: لم يُحفظ آخر تعديل.');
        return;
      }
      const note = action === 'publish' ? publicNote : reason;
      const result = await WORKFLOW_ACTIONS[action]({
        articleId: article.id,
        reason: note.trim() || undefined,
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setWorkflowError(result.message);
        return;
      }
      version.current = result.data.version;
      setFieldErrors({});
      setReasonOpen(false);
      setReason('');
      setPublicNote('');
      router.refresh();
    } catch {
      setWorkflowError('تعذّر الاتصال بالخادم. أعد المحاولة.');
    } finally {
      setBusy(false);
    }
  }

  const saveLabel =
    saveState.kind === 'saved'
      ? 'تم الحفظ'
      : saveState.kind === 'saving'
        ? 'جارٍ الحفظ…'
        : saveState.kind === 'dirty'
          ? 'لم يُحفظ بعد'
          : saveState.kind === 'offline'
            ? `لم يُحفظ: ${OFFLINE_MESSAGE}${journalled ? '؛ محفوظ على هذا الجهاز' : ''}`
            : `لم يُحفظ: ${saveState.message}${journalled && saveState.kind === 'error' ? '؛ محفوظ على هذا الجهاز' : ''}`;
  const readingTime = formatReadingTime(readingTimeMinutes(wordCount));

  return (
    <div className="editor-layout">
      <div>
        <PresenceNotice articleId={article.id} />
        {restored ? <p className="notice">استُعيدت من هذا الجهاز تعديلات لم تكن قد وصلت إلى الخادم.</p> : null}
        <div className="field">
          <label htmlFor="headline">العنوان</label>
          <input
            id="headline"
            type="text"
            className="headline-input"
            value={form.headline}
            readOnly={!canEdit}
            maxLength={300}
            aria-invalid={fieldErrors.headline ? true : undefined}
            aria-describedby={fieldErrors.headline ? 'headline-error' : undefined}
            onChange={(e) => updateField('headline', e.target.value)}
          />
          {fieldErrors.headline ? (
            <p id="headline-error" className="field-error">
              {fieldErrors.headline}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="deck">العنوان الفرعي</label>
          <textarea
            id="deck"
            rows={2}
            className="deck-input"
            value={form.deck}
            readOnly={!canEdit}
            maxLength={500}
            aria-invalid={fieldErrors.deck ? true : undefined}
            onChange={(e) => updateField('deck', e.target.value)}
          />
          {fieldErrors.deck ? <p className="field-error">{fieldErrors.deck}</p> : null}
        </div>
        <div className="field">
          <span id="body-label" className="label body-label">
            نص المقال
          </span>
          {editor ? (
            <Toolbar
              editor={editor}
              actions={{ openLink: () => openLinkRef.current(), openImage: () => setImagePicker(true) }}
            />
          ) : null}
          {editor && linkOpen ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
          {editor ? <ImageDetails editor={editor} /> : null}
          {editor && imagePicker ? (
            <MediaLibrary
              onPick={(media) => {
                setImagePicker(false);
                editor.chain().focus().insertArticleImage(media).run();
              }}
              onClose={() => {
                setImagePicker(false);
                editor.commands.focus();
              }}
            />
          ) : null}
          <div className="editor-surface" aria-describedby={fieldErrors.body ? 'body-error' : undefined}>
            <EditorContent editor={editor} />
          </div>
          {fieldErrors.body ? (
            <p id="body-error" className="field-error">
              {fieldErrors.body}
            </p>
          ) : null}
        </div>
        {saveState.kind === 'conflict' ? (
          <ConflictPanel
            message={saveState.message}
            theirs={saveState.current}
            mine={{ headline: form.headline, text: editor?.getText({ blockSeparator: '\n\n' }) ?? '' }}
            onKeepTheirs={() => keepTheirs(saveState.current)}
            onKeepMine={() => keepMine(saveState.current)}
            onCopyTheirs={() => copyTheirs(saveState.current)}
          />
        ) : null}
      </div>
      <aside className="side-panel" aria-label="بيانات المقال">
        <p role="status" aria-live="polite" className="save-state" data-state={saveState.kind}>
          {saveLabel}
        </p>
        <p>
          الحالة: <span className="status">{article.statusLabel}</span>
        </p>
        {article.changesRequestedReason && article.status === 'changes_requested' ? (
          <p className="form-error">مطلوب تعديلات: {article.changesRequestedReason}</p>
        ) : null}
        <dl className="article-figures">
          <div>
            <dt>عدد الكلمات</dt>
            <dd data-testid="word-count">{wordCount}</dd>
          </div>
          <div>
            <dt>مدة القراءة</dt>
            <dd>{readingTime}</dd>
          </div>
        </dl>
        <div className="field">
          <label htmlFor="slug">الرابط المختصر</label>
          <input
            id="slug"
            type="text"
            dir="auto"
            value={form.slug}
            readOnly={!canEdit}
            maxLength={120}
            aria-describedby="slug-hint"
            aria-invalid={fieldErrors.slug ? true : undefined}
            onChange={(e) => updateField('slug', e.target.value)}
          />
          <p id="slug-hint" className="muted hint">
            يُصنع من العنوان؛ امسحه ليعود إلى اتّباع العنوان.
          </p>
          {fieldErrors.slug ? <p className="field-error">{fieldErrors.slug}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="section">القسم</label>
          <select
            id="section"
            value={form.sectionId ?? ''}
            disabled={!canEdit}
            onChange={(e) => updateField('sectionId', e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">— بلا قسم —</option>
            {article.sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <LeadImageField
          value={form.leadImage}
          readOnly={!canEdit}
          errors={fieldErrors}
          onChange={(value) => updateField('leadImage', value)}
        />
        <TagsField
          value={form.tagsText}
          readOnly={!canEdit}
          error={fieldErrors.tags}
          onChange={(value) => updateField('tagsText', value)}
        />
        <div className="field">
          <label htmlFor="dateline">مكان الخبر</label>
          <input
            id="dateline"
            type="text"
            value={form.dateline}
            readOnly={!canEdit}
            maxLength={100}
            aria-invalid={fieldErrors.dateline ? true : undefined}
            onChange={(e) => updateField('dateline', e.target.value)}
          />
          {fieldErrors.dateline ? <p className="field-error">{fieldErrors.dateline}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="byline">الكاتب</label>
          <input
            id="byline"
            type="text"
            value={form.byline}
            placeholder={article.authorName}
            readOnly={!canEdit}
            maxLength={120}
            aria-invalid={fieldErrors.byline ? true : undefined}
            onChange={(e) => updateField('byline', e.target.value)}
          />
          {fieldErrors.byline ? <p className="field-error">{fieldErrors.byline}</p> : null}
        </div>
        {republishing ? (
          <div className="field">
            <label htmlFor="public-note">ملاحظة تصحيح أو تحديث للقراء</label>
            <textarea
              id="public-note"
              rows={2}
              maxLength={2000}
              value={publicNote}
              onChange={(e) => setPublicNote(e.target.value)}
            />
          </div>
        ) : null}
        {reasonOpen ? (
          <div className="field">
            <label htmlFor="reason">سبب طلب التعديلات</label>
            <textarea id="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            {fieldErrors.reason ? <p className="field-error">{fieldErrors.reason}</p> : null}
          </div>
        ) : null}
        <div className="button-row">
          {WORKFLOW.filter((w) => article.allowed.includes(w.action)).map((w) => (
            <button
              key={w.action}
              type="button"
              className={w.primary ? 'primary' : undefined}
              disabled={busy}
              onClick={() => void runWorkflow(w.action)}
            >
              {w.label}
            </button>
          ))}
        </div>
        {workflowError ? (
          <p role="alert" className="form-error">
            {workflowError}
          </p>
        ) : null}
        {article.publicPath ? (
          <p>
            <Link href={article.publicPath}>عرض الصفحة المنشورة</Link>
          </p>
        ) : null}
      </aside>
    </div>
  );
}
