'use client';

import type { Editor, JSONContent } from '@tiptap/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleStatus, Role } from '@/lib/shared/enums';
import { roleChangedMessage } from '@/lib/shared/state-change';
import { tellDesk } from './DeskNotice';
import { formatReadingTime, readingTimeMinutes, type DateSettings } from '@/lib/shared/arabic';
import type { FieldErrors } from '@/lib/shared/errors';
import type { ArticleAction } from '@/lib/shared/permissions';
import { differingRun } from '@/lib/document/merge';
import type {
  ArticleChanges,
  ArticleField,
  ArticleFieldValues,
  SaveArticleInput,
} from '@/lib/shared/validation/article-save';
import { BodyEditor, useBodyEditor, useWordCount, type CountStore } from './BodyEditor';
import { CollabStatus } from './collab/CollabStatus';
import { collaborationExtensions } from './collab/extensions';
import { combinedStatus } from './collab/status';
import { useCollabState, useCollaboration, type CollabSetup } from './collab/useCollaboration';
import { CommentsPanel } from './comments/CommentsPanel';
import { useTextComments, type TextCommentActions } from './comments/useTextComments';
import { ConflictPanel, ReplacedNotice } from './ConflictPanel';
import { forgetJournal, liveTabs, readJournal } from './journal';
import { HeadlineFields, MetadataPanel } from './MetadataPanel';
import { PresenceNotice, type Heartbeat } from './PresenceNotice';
import { type Metadata, type SaveOutcome } from './save-machine';
import { addTags, type SuggestTags } from './TagsField';
import { useAutosave } from './useAutosave';
import { WorkflowBar, type WorkflowActions } from './WorkflowBar';
import { ProofChecker } from './proofreading/checker';
import { proofreadingExtension } from './proofreading/plugin';
import { ProofMenu, ProofPanel, useBodyPoints, useFieldPoints } from './proofreading/ProofPanel';
import './editor.css';

export type EditableArticle = {
  id: number;
  version: number;
  status: ArticleStatus;
  statusLabel: string;
  // The fields as the save contract names them (slug '' while it follows the headline).
  values: Omit<ArticleFieldValues, 'body'>;
  body: JSONContent;
  // Hex SHA-256 of the stored body string: the base of the first body patch.
  bodyHash: string;
  storedSlug: string;
  leadImageSrc: string | undefined;
  sections: { id: number; name: string }[];
  // Counted by the server at the last save; the editor recounts as the journalist types.
  wordCount: number;
  authorName: string;
  changesRequestedReason: string | null;
  publicPath: string | null;
  allowed: ArticleAction[];
  // The newsroom's calendar, digits and time zone (NEWSROOM_TIMEZONE…), read by the server: the
  // browser's own zone, or a library default, would show other people's times hours off.
  dates: DateSettings;
  // Writing together (docs/collaboration.md): who is typing, when the body is shared live.
  collab?: CollabSetup | null;
  // تعليق على النص: this person may comment on the text (whoever may view it in the newsroom).
  canComment?: boolean;
  // The planning desk: the word target of the assignment this article was started from.
  wordTarget?: number | null;
  // The role of the person writing, when the page was made: a change (by an admin, while they
  // write) is said by the page, their session and text kept (lib/newsroom/people.ts changeRole).
  viewerRole?: Role;
};

// What the editor may ask of the server, handed in by the route's shell (components/editor/ does
// not import server actions).
export type EditorActions = {
  save: (input: SaveArticleInput) => Promise<SaveOutcome>;
  suggestTags: SuggestTags;
  workflow: WorkflowActions;
  presence: Heartbeat;
  textComments?: TextCommentActions;
};

// Survives the remount that follows a workflow action (see focusStatus below).
const focusStatusOnMount: { articleId: number | null } = { articleId: null };

export function ArticleEditor({ article, actions }: { article: EditableArticle; actions: EditorActions }) {
  const router = useRouter();
  const canEdit = article.allowed.includes('edit');
  const [restored, setRestored] = useState(false);
  const [journalChecked, setJournalChecked] = useState(false);
  const [workflowErrors, setWorkflowErrors] = useState<FieldErrors>({});
  const [leadSrc, setLeadSrc] = useState<Record<number, string>>(() =>
    article.values.leadImage && article.leadImageSrc
      ? { [article.values.leadImage.mediaId]: article.leadImageSrc }
      : {},
  );
  const statusRef = useRef<HTMLParagraphElement>(null);
  const machineRef = useRef<ReturnType<typeof useAutosave>['machine'] | null>(null);
  // While the body is written together the collaboration server stores it: the autosave keeps
  // saving the other fields and never sends the body.
  const live = useCollaboration(article.id, article.collab ?? null);
  const liveState = useCollabState(live);
  const [liveExtensions] = useState(() => (live ? collaborationExtensions(live) : null));
  // The body is written together until the shared document proves unreachable (the fallback
  // below); from then on, for the rest of this page's life, it goes through the autosave like
  // with writing together off. Read through the ref by callbacks made once.
  const bodyLive = !!live && !liveState.abandoned;
  const bodyLiveRef = useRef(bodyLive);
  useEffect(() => {
    bodyLiveRef.current = bodyLive;
  }, [bodyLive]);
  const onEdit = useCallback(() => {
    if (!bodyLiveRef.current) machineRef.current?.editBody();
  }, []);
  const comments = useTextComments({
    articleId: article.id,
    actions: article.canComment ? (actions.textComments ?? null) : null,
    live,
  });
  const [extra] = useState(() => [comments.extension]);
  // التدقيق: one checker per open editor, polling the house style (components/editor/proofreading).
  const [checker] = useState(() => new ProofChecker());
  const [proofreading] = useState(() => [proofreadingExtension(checker)]);
  useEffect(() => {
    checker.start();
    return () => checker.stop();
  }, [checker]);
  const body = useBodyEditor({
    body: article.body,
    wordCount: article.wordCount,
    onEdit,
    collaboration: bodyLive ? liveExtensions : null,
    extra,
    proofreading,
  });
  const { editor } = body;
  const attachComments = comments.attach;
  useEffect(() => attachComments(editor), [attachComments, editor]);
  const editorRef = useRef(editor);
  const recountRef = useRef(body.recount);
  useEffect(() => {
    editorRef.current = editor;
    recountRef.current = body.recount;
  });

  // Values from elsewhere (theirs, a kept version, the journal): the body goes into the editor
  // without counting as an edit.
  const onAdopt = useRef((changes: ArticleChanges) => {
    const e = editorRef.current;
    if (changes.body !== undefined && e && !bodyLiveRef.current) {
      adoptBody(e, JSON.parse(changes.body) as JSONContent);
      recountRef.current();
    }
  });
  const { machine, snapshot, tabId } = useAutosave({
    articleId: article.id,
    version: article.version,
    values: { ...article.values, body: JSON.stringify(article.body) },
    bodyHash: article.bodyHash,
    storedSlug: article.storedSlug,
    editable: canEdit,
    save: actions.save,
    readBody: () => editorRef.current?.getJSON() ?? article.body,
    onAdopt,
  });
  useEffect(() => {
    machineRef.current = machine;
  }, [machine]);

  // On opening: work this browser kept but the server never acknowledged comes back and is
  // saved, against the version it was written on (the server's merge then shows what collided).
  // Once per open editor: a refresh after a workflow step hands in a new `article` object.
  const journalRead = useRef(false);
  useEffect(() => {
    if (!editor || journalRead.current) return;
    journalRead.current = true;
    liveTabs()
      .then((live) => readJournal(article.id, new Set([...live, tabId])))
      .catch(() => undefined)
      .then((found) => {
        setJournalChecked(true);
        if (!found || !canEdit) return;
        // A body kept from before writing together is not put over the shared one.
        const entry = live
          ? { ...found.record, edited: found.record.edited.filter((field) => field !== 'body') }
          : found.record;
        const current: Record<string, unknown> = {
          ...article.values,
          body: JSON.stringify(editor.getJSON()),
        };
        const same = entry.edited.every(
          (field) => JSON.stringify(entry.values[field]) === JSON.stringify(current[field]),
        );
        if (!same) {
          setRestored(true);
          machine.restore(entry);
          // Journalled under this tab before the dead tab's record goes.
          machine.flush();
        }
        void forgetJournal(article.id, found.tabId);
      });
  }, [editor, article.id, article.values, canEdit, machine, tabId, live]);

  // No live connection within a few seconds (a proxy that blocks WebSockets, /collab refused, the
  // collaboration process down): rather than a read-only body until it comes, the body goes
  // through the autosave, merged by block against the stored body it started from
  // (lib/document/merge.ts), which the collaboration server merges into the shared document for
  // anyone typing live. Only when this device holds nothing of the shared document that the server
  // may lack: no copy, or a copy that is the stored body (typing kept here from an earlier visit
  // waits for the connection, to merge through Yjs). The browser never seeds the shared document.
  useEffect(() => {
    if (!live || !bodyLive || !editor || !liveState.unreachable || liveState.synced) return;
    if (liveState.localCopy) {
      let same = false;
      try {
        same = editor.state.doc.eq(editor.schema.nodeFromJSON(article.body));
      } catch {
        same = false;
      }
      if (!same) return;
    }
    live.abandon();
  }, [live, bodyLive, editor, liveState.unreachable, liveState.synced, liveState.localCopy, article.body]);

  const liveReady = !bodyLive || (liveState.synced && !liveState.readOnly);
  // A field someone else saved appears here within a second, not at this tab's next save.
  useEffect(() => {
    if (liveState.version) machine.pull(liveState.version);
  }, [machine, liveState.version]);
  useEffect(() => {
    const editable = canEdit && journalChecked && liveReady;
    // Without `false`, setEditable emits an update, which would look like an edit and autosave.
    if (editor && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, canEdit, journalChecked, liveReady]);

  // Said once per new role; the text stays where it is, saved as before (or, if the new role may
  // no longer edit this article, kept in this browser's journal with the refusal shown).
  const toldRole = useRef(article.viewerRole);
  const onRole = useCallback((role: Role) => {
    if (!toldRole.current || toldRole.current === role) return;
    toldRole.current = role;
    tellDesk(roleChangedMessage(role), { focus: false });
  }, []);

  const edit = useCallback(
    <F extends keyof Metadata>(field: F, value: Metadata[F]) => machine.edit(field, value),
    [machine],
  );

  function copyTheirs(field: ArticleField, theirsText: string) {
    const conflict = snapshot.conflicts.find((c) => c.field === field);
    if (!conflict) return;
    if (field === 'body' && machine.keepBoth('body')) return;
    if (field === 'body' && editor) {
      // Their text follows mine, to be merged by hand; the result is saved on top of theirs.
      const blocks = (JSON.parse(conflict.theirs as string) as JSONContent).content ?? [];
      editor.chain().insertContentAt(editor.state.doc.content.size, blocks).focus().run();
      machine.keepMine('body');
    } else if (field === 'tags') {
      machine.edit('tags', addTags(snapshot.values.tags, conflict.theirs as string[]));
      machine.keepMine('tags');
    } else {
      void navigator.clipboard?.writeText(theirsText).catch(() => undefined);
    }
  }

  const errors: FieldErrors = useMemo(
    () => ({ ...snapshot.fieldErrors, ...workflowErrors }),
    [snapshot.fieldErrors, workflowErrors],
  );
  // Before a workflow step: the fields saved, and the shared body stored by the server now.
  const saveNow = useCallback(async () => {
    const saved = await machine.saveNow();
    return live && bodyLive ? saved && (await live.storeNow()) : saved;
  }, [machine, live, bodyLive]);
  const status = combinedStatus(snapshot, live && bodyLive ? liveState : null);
  // A workflow action gives the article a new version, and the page remounts the editor for it
  // (app/…/articles/[id]/page.tsx keys it by version): the flag outlives the old instance, so the
  // new one puts focus back on the status message.
  const focusStatus = useCallback(() => {
    focusStatusOnMount.articleId = article.id;
    statusRef.current?.focus();
  }, [article.id]);
  useEffect(() => {
    if (focusStatusOnMount.articleId !== article.id) return;
    focusStatusOnMount.articleId = null;
    statusRef.current?.focus();
  }, [article.id]);
  const rememberSrc = useCallback(
    (mediaId: number, src: string) => setLeadSrc((m) => ({ ...m, [mediaId]: src })),
    [],
  );
  // While the slug follows the headline the field shows the stored one; once typed in, what is typed.
  const bodyProofPoints = useBodyPoints(editor);
  const fieldProofPoints = useFieldPoints(
    checker,
    {
      headline: snapshot.values.headline,
      deck: snapshot.values.deck,
      leadCaption: snapshot.values.leadImage?.caption ?? '',
    },
    editor,
  );
  const proofCount = bodyProofPoints.length + fieldProofPoints.length;
  const slugEdited = snapshot.values.slug !== '' || snapshot.unsaved.includes('slug');
  const previewHref = `/newsroom/articles/${article.id}/preview`;

  return (
    <div className="editor-layout">
      <div>
        {/* By the props and the state, not by `live` (made on the client only): the server renders
            the same. */}
        {article.collab ? (
          <CollabStatus state={liveState} canEdit={canEdit} fallback={liveState.abandoned} />
        ) : null}
        {/* Without writing together, or once the body has fallen back to the autosave: the
            heartbeat brings others' saves (the live ones stored by the collaboration server too).
            With it, the heartbeat still runs, quiet, for the role. */}
        <PresenceNotice
          articleId={article.id}
          heartbeat={actions.presence}
          onVersion={!article.collab || liveState.abandoned ? (version) => machine.pull(version) : undefined}
          onRole={onRole}
          quiet={!!article.collab && !liveState.abandoned}
        />
        {restored ? <p className="notice">استُعيدت من هذا الجهاز تعديلات لم تكن قد وصلت إلى الخادم.</p> : null}
        <ReplacedNotice
          replaced={snapshot.replaced}
          sections={article.sections}
          dates={article.dates}
          onDismiss={() => machine.dismissReplaced()}
        />
        <HeadlineFields
          values={snapshot.values}
          errors={errors}
          readOnly={!canEdit}
          autoFocus={canEdit && article.values.headline === '' && article.version <= 1}
          edit={edit}
        />
        <BodyEditor
          editor={editor}
          uploads={body.uploads}
          dismissUpload={body.dismissUpload}
          linkOpen={body.linkOpen}
          setLinkOpen={body.setLinkOpen}
          editable={canEdit && journalChecked && liveReady}
          error={errors.body}
          onComment={comments.enabled ? comments.openDraft : undefined}
        />
        <CommentsPanel comments={comments} dates={article.dates} />
        <ProofMenu checker={checker} editor={editor} />
        {snapshot.conflicts.length ? (
          <ConflictPanel
            conflicts={snapshot.conflicts}
            mine={snapshot.values}
            myBodyText={() => editor?.getText({ blockSeparator: '\n\n' }) ?? ''}
            sections={article.sections}
            dates={article.dates}
            onKeepTheirs={(field) => machine.keepTheirs(field)}
            onKeepMine={(field) => machine.keepMine(field)}
            onCopy={copyTheirs}
          />
        ) : null}
      </div>
      <aside className="side-panel" aria-label="بيانات المقال">
        <p
          ref={statusRef}
          role="status"
          aria-live="polite"
          tabIndex={-1}
          className="save-state"
          data-state={status.state}
        >
          {status.label}
        </p>
        <p>
          الحالة: <span className="status">{article.statusLabel}</span>
        </p>
        {article.changesRequestedReason && article.status === 'changes_requested' ? (
          <p className="form-error">مطلوب تعديلات: {article.changesRequestedReason}</p>
        ) : null}
        <ArticleFigures words={body.words} target={article.wordTarget ?? null} />
        <ProofPanel checker={checker} editor={editor} body={bodyProofPoints} fields={fieldProofPoints} />
        <MetadataPanel
          values={snapshot.values}
          slugShown={slugEdited ? snapshot.values.slug : snapshot.storedSlug}
          sections={article.sections}
          authorName={article.authorName}
          leadImageSrc={snapshot.values.leadImage ? leadSrc[snapshot.values.leadImage.mediaId] : undefined}
          errors={errors}
          readOnly={!canEdit}
          edit={edit}
          onLeadImageSrc={rememberSrc}
          suggestTags={actions.suggestTags}
        />
        <WorkflowBar
          articleId={article.id}
          status={article.status}
          allowed={article.allowed}
          canEdit={canEdit}
          actions={actions.workflow}
          saveNow={saveNow}
          onErrors={setWorkflowErrors}
          onDone={focusStatus}
          proofCount={proofCount}
        />
        <p className="editor-links">
          <Link
            href={previewHref}
            prefetch={false}
            onClick={(event) => {
              // The preview shows what the server has: what is still unsaved goes first.
              if (status.state === 'saved') return;
              event.preventDefault();
              void saveNow().then(() => router.push(previewHref));
            }}
          >
            معاينة
          </Link>
          {article.publicPath ? <Link href={article.publicPath}>عرض الصفحة المنشورة</Link> : null}
        </p>
      </aside>
    </div>
  );
}

// A body from elsewhere (a block merge, theirs, the journal) replaces only the top-level blocks that
// differ, so the caret and the undo history of a paragraph being typed in stay where they are.
// Not an edit: no update is emitted, and it is not one of this journalist's undo steps.
function adoptBody(editor: Editor, doc: JSONContent) {
  const next = (doc.content ?? []).map((block) => JSON.stringify(block));
  const current = editor.state.doc;
  const now: string[] = [];
  current.forEach((child) => now.push(JSON.stringify(child.toJSON())));
  const run = differingRun(now, next);
  if (!run) return;
  const { start, end } = run;
  try {
    let from = 0;
    for (let i = 0; i < start; i++) from += current.child(i).nodeSize;
    let to = current.content.size;
    for (let i = 0; i < end; i++) to -= current.child(now.length - 1 - i).nodeSize;
    const nodes = next
      .slice(start, next.length - end)
      .map((json) => editor.schema.nodeFromJSON(JSON.parse(json) as JSONContent));
    const tr = editor.state.tr.replaceWith(from, to, nodes);
    tr.setMeta('preventUpdate', true).setMeta('addToHistory', false);
    editor.view.dispatch(tr);
  } catch {
    // A document ProseMirror will not splice (an empty one): replaced whole.
    editor.commands.setContent(doc, { emitUpdate: false });
  }
}

function ArticleFigures({ words, target }: { words: CountStore; target: number | null }) {
  const count = useWordCount(words);
  return (
    <dl className="article-figures">
      <div>
        <dt>عدد الكلمات</dt>
        <dd data-testid="word-count">{count}</dd>
      </div>
      {target ? (
        <div>
          <dt>عدد الكلمات المطلوب</dt>
          <dd data-testid="word-target">{target}</dd>
        </div>
      ) : null}
      <div>
        <dt>مدة القراءة</dt>
        <dd>{formatReadingTime(readingTimeMinutes(count))}</dd>
      </div>
    </dl>
  );
}
