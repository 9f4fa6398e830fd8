'use client';

import type { JSONContent } from '@tiptap/core';
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
import { countWords, formatReadingTime, readingTimeMinutes } from '@/lib/arabic';
import type { ActionResult, FieldErrors } from '@/lib/errors';
import type { ArticleAction } from '@/lib/permissions';
import { ARTICLE_TEXT_DIRECTION, articleExtensions } from './extensions';
import { Toolbar } from './Toolbar';

export type EditableArticle = {
  id: number;
  version: number;
  status: ArticleStatus;
  statusLabel: string;
  headline: string;
  dateline: string;
  tags: string[];
  body: JSONContent;
  authorName: string;
  changesRequestedReason: string | null;
  publicPath: string | null;
  allowed: ArticleAction[];
};

// Save a moment after typing stops, and at least this often while typing goes on.
const AUTOSAVE_DELAY_MS = 1500;
const AUTOSAVE_MAX_WAIT_MS = 20_000;
const RETRY_DELAY_MS = 5_000;

type SaveState =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
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

export function splitTags(text: string): string[] {
  return text
    .split(/[,،\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function plainText(doc: JSONContent): string {
  if (doc.text) return doc.text;
  const inner = (doc.content ?? []).map(plainText);
  return inner.join(doc.type === 'doc' ? '\n\n' : '');
}

export function ArticleEditor({ article }: { article: EditableArticle }) {
  const router = useRouter();
  const canEdit = article.allowed.includes('edit');
  const [headline, setHeadline] = useState(article.headline);
  const [dateline, setDateline] = useState(article.dateline);
  const [tagsText, setTagsText] = useState(article.tags.join('، '));
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [workflowError, setWorkflowError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [wordCount, setWordCount] = useState(() => countWords(plainText(article.body)));

  // Refs hold what the next save sends, so timers never read stale React state.
  const fields = useRef({ headline: article.headline, dateline: article.dateline, tagsText: tagsText });
  const version = useRef(article.version);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const inConflict = useRef(false);
  const debounceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const maxWaitTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const countTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef<() => Promise<boolean>>(async () => true);

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

  const markDirty = useCallback(() => {
    dirty.current = true;
    if (!inConflict.current) setSaveState((s) => (s.kind === 'saving' ? s : { kind: 'dirty' }));
    scheduleSave();
  }, [scheduleSave]);

  const editor = useEditor({
    extensions: articleExtensions,
    textDirection: ARTICLE_TEXT_DIRECTION,
    content: article.body,
    editable: canEdit,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        'aria-label': 'نص المقال',
        'aria-multiline': 'true',
        role: 'textbox',
      },
    },
    onUpdate: ({ editor: e }) => {
      markDirty();
      // Counting waits for a pause so it never competes with typing.
      clearTimeout(countTimer.current);
      countTimer.current = setTimeout(
        () => setWordCount(countWords(e.getText({ blockSeparator: '\n\n' }))),
        400,
      );
    },
  });

  const save = useCallback(async (): Promise<boolean> => {
    // One save at a time: a change made during a save is sent by the next one.
    while (inFlight.current) await inFlight.current;
    if (!editor || !dirty.current || inConflict.current) return !inConflict.current && !dirty.current;
    clearTimers();
    dirty.current = false;
    setSaveState({ kind: 'saving' });
    const attempt = saveDraftAction({
      articleId: article.id,
      baseVersion: version.current,
      headline: fields.current.headline,
      dateline: fields.current.dateline,
      tags: splitTags(fields.current.tagsText),
      body: JSON.stringify(editor.getJSON()),
    })
      .then((result) => {
        if (result.ok) {
          version.current = result.data.version;
          setFieldErrors({});
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
        setSaveState({ kind: 'error', message: 'لا اتصال بالخادم؛ سنعيد المحاولة تلقائياً.' });
        debounceTimer.current = setTimeout(() => void saveRef.current(), RETRY_DELAY_MS);
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
  }, [save]);

  useEffect(() => {
    // Without `false`, setEditable emits an update, which would look like an edit and autosave.
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit, false);
  }, [editor, canEdit]);

  // Ctrl/Cmd+S saves now; leaving with unsaved work asks first.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveRef.current();
      }
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current || inFlight.current) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
      clearTimers();
      clearTimeout(countTimer.current);
    };
  }, []);

  function updateField(name: 'headline' | 'dateline' | 'tagsText', value: string) {
    fields.current = { ...fields.current, [name]: value };
    if (name === 'headline') setHeadline(value);
    if (name === 'dateline') setDateline(value);
    if (name === 'tagsText') setTagsText(value);
    markDirty();
  }

  function keepTheirs(current: ConflictState) {
    inConflict.current = false;
    dirty.current = false;
    version.current = current.version;
    fields.current = { ...fields.current, headline: current.headline };
    setHeadline(current.headline);
    editor?.commands.setContent(current.body, { emitUpdate: false });
    setSaveState({ kind: 'saved' });
  }

  function keepMine(current: ConflictState) {
    // The other version stays in the revisions; ours becomes the newest on top of it.
    inConflict.current = false;
    version.current = current.version;
    dirty.current = true;
    void save();
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
      const result = await WORKFLOW_ACTIONS[action]({ articleId: article.id, reason: reason || undefined });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setWorkflowError(result.message);
        return;
      }
      version.current = result.data.version;
      setFieldErrors({});
      setReasonOpen(false);
      setReason('');
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
          : `لم يُحفظ: ${saveState.message}`;

  return (
    <div className="editor-layout">
      <div>
        <div className="field">
          <label htmlFor="headline">العنوان</label>
          <input
            id="headline"
            type="text"
            className="headline-input"
            value={headline}
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
          <span id="body-label" className="label" style={{ fontWeight: 600 }}>
            نص المقال
          </span>
          {editor ? <Toolbar editor={editor} /> : null}
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
          <section className="conflict" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">تعارض في التعديل</h2>
            <p>{saveState.message}</p>
            <div className="editor-layout" style={{ gridTemplateColumns: '1fr 1fr' }}>
              <div>
                <h3>نسختهم (المحفوظة)</h3>
                <p>
                  <strong>{saveState.current.headline}</strong>
                </p>
                <p style={{ whiteSpace: 'pre-wrap' }}>{plainText(saveState.current.body)}</p>
              </div>
              <div>
                <h3>نسختي</h3>
                <p>
                  <strong>{headline}</strong>
                </p>
                <p style={{ whiteSpace: 'pre-wrap' }}>{editor?.getText({ blockSeparator: '\n\n' })}</p>
              </div>
            </div>
            <button type="button" onClick={() => keepTheirs(saveState.current)}>
              اعتماد نسختهم
            </button>{' '}
            <button type="button" className="primary" onClick={() => keepMine(saveState.current)}>
              حفظ نسختي فوقها
            </button>
          </section>
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
        <p className="muted">
          الكاتب: <bdi>{article.authorName}</bdi>
          <br />
          عدد الكلمات: {wordCount} · مدة القراءة: {formatReadingTime(readingTimeMinutes(wordCount))}
        </p>
        <div className="field">
          <label htmlFor="dateline">مكان الخبر</label>
          <input
            id="dateline"
            type="text"
            value={dateline}
            readOnly={!canEdit}
            maxLength={100}
            onChange={(e) => updateField('dateline', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="tags">الوسوم</label>
          <input
            id="tags"
            type="text"
            value={tagsText}
            readOnly={!canEdit}
            aria-describedby="tags-hint"
            aria-invalid={fieldErrors.tags ? true : undefined}
            onChange={(e) => updateField('tagsText', e.target.value)}
          />
          <p id="tags-hint" className="muted" style={{ fontSize: '0.85rem', margin: 0 }}>
            افصل بين الوسوم بفاصلة.
          </p>
          {fieldErrors.tags ? <p className="field-error">{fieldErrors.tags}</p> : null}
        </div>
        {reasonOpen ? (
          <div className="field">
            <label htmlFor="reason">سبب طلب التعديلات</label>
            <textarea id="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            {fieldErrors.reason ? <p className="field-error">{fieldErrors.reason}</p> : null}
          </div>
        ) : null}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
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
