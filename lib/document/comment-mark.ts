import { Mark, mergeAttributes, type JSONContent } from '@tiptap/core';

// تعليق على النص: the anchor of a newsroom comment thread inside the body. The mark carries the
// thread's id and nothing else (the thread's text, author, replies and state are rows of
// text_comment_threads / text_comments, drizzle/0014): being part of the document, the anchor
// travels with its words through every edit, through Yjs when people write together (y-tiptap
// keeps marks as formatting of the shared text) and through every save, and a body copied,
// restored or merged keeps it. Newsroom only: renderArticleHtml drops it before readers'
// HTML is written (withoutCommentMarks below).

export const COMMENT_MARK = 'comment';
export const COMMENT_ID_ATTRIBUTE = 'data-comment-id';
// Thread ids are SQLite rowids; anything else in a stored body is not ours.
const MAX_THREAD_ID = 2 ** 31 - 1;

export function isThreadId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_THREAD_ID;
}

function threadIdOf(raw: string | null): number | null {
  if (raw === null || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return isThreadId(id) ? id : null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    comment: {
      // Anchors thread `id` on the selected words.
      setComment: (id: number) => ReturnType;
    };
  }
}

export const CommentMark = Mark.create({
  name: COMMENT_MARK,
  // Typing just after the commented words does not extend the comment to the new ones.
  inclusive: false,
  // Two threads may cover the same words (y-tiptap keeps same-named marks with different ids apart).
  excludes: '',
  // Not carried onto a new paragraph by Enter.
  keepOnSplit: false,

  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element: HTMLElement) => threadIdOf(element.getAttribute(COMMENT_ID_ATTRIBUTE)),
        renderHTML: (attributes: { id?: unknown }) =>
          isThreadId(attributes.id) ? { [COMMENT_ID_ATTRIBUTE]: String(attributes.id) } : {},
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: `span[${COMMENT_ID_ATTRIBUTE}]`,
        getAttrs: (element: HTMLElement) =>
          threadIdOf(element.getAttribute(COMMENT_ID_ATTRIBUTE)) === null ? false : null,
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setComment:
        (id: number) =>
        ({ commands }) =>
          isThreadId(id) && commands.setMark(this.name, { id }),
    };
  },
});

// The same document with every comment anchor removed, and the runs of text an anchor had split
// joined back (no `<strong>أ</strong><strong>ب</strong>` left where a comment began): what
// readers, feeds and the reader's search are given. Pure JSON, the input is not changed.
export function withoutCommentMarks(node: JSONContent): JSONContent {
  const copy: JSONContent = { ...node };
  if (node.marks) {
    const kept = node.marks.filter((mark) => mark.type !== COMMENT_MARK);
    if (kept.length) copy.marks = kept;
    else delete copy.marks;
  }
  if (node.content) {
    const children: JSONContent[] = [];
    for (const child of node.content.map(withoutCommentMarks)) {
      const last = children[children.length - 1];
      if (
        last?.type === 'text' &&
        child.type === 'text' &&
        JSON.stringify(last.marks ?? []) === JSON.stringify(child.marks ?? [])
      ) {
        children[children.length - 1] = { ...last, text: `${last.text ?? ''}${child.text ?? ''}` };
      } else children.push(child);
    }
    copy.content = children;
  }
  return copy;
}

// The thread ids anchored in a document, in reading order, each once.
export function commentIdsIn(node: JSONContent): number[] {
  const found = new Set<number>();
  const stack: JSONContent[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    for (const mark of current.marks ?? []) {
      const id = mark.attrs?.id;
      if (mark.type === COMMENT_MARK && isThreadId(id)) found.add(id);
    }
    if (current.content)
      for (let i = current.content.length - 1; i >= 0; i--) stack.push(current.content[i]!);
  }
  return [...found];
}
