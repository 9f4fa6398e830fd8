// Until the server's field merge (saveArticleAction) is on main: the changed-fields contract of
// lib/validation/article-save.ts spoken to the old whole-article saveDraftAction. It keeps the
// last values it sent and fills in the fields a save leaves out; a stale version is a conflict
// on the headline and the body, as the old action reports it. Deleted when the editor switches.
import type { ConflictState } from '@/db/queries/articles';
import { applyBodyPatch } from '@/components/editor/body-patch';
import type { SaveOutcome } from '@/components/editor/save-machine';
import type { ActionResult } from '@/lib/errors';
import type {
  ArticleField,
  ArticleFieldValues,
  FieldConflict,
  SaveArticleInput,
} from '@/lib/validation/article-save';

type DraftSave = (input: {
  articleId: number;
  baseVersion: number;
  headline: string;
  deck?: string;
  dateline?: string;
  byline?: string;
  slug?: string;
  sectionId?: number | null;
  leadImage?: ArticleFieldValues['leadImage'];
  tags?: string[];
  body: string;
}) => Promise<ActionResult<{ version: number; updatedAt: Date | string; slug: string }>>;

export function draftSaveAdapter(save: DraftSave, initial: ArticleFieldValues) {
  let known = { ...initial };
  return async (input: SaveArticleInput): Promise<SaveOutcome> => {
    const next = { ...known, ...input.changes };
    if (input.bodyPatch) next.body = applyBodyPatch(known.body, input.bodyPatch);
    const result = await save({
      articleId: input.articleId,
      baseVersion: input.baseVersion,
      headline: next.headline,
      deck: next.deck,
      dateline: next.dateline,
      byline: next.byline,
      slug: 'slug' in input.changes ? next.slug : undefined,
      sectionId: next.sectionId,
      leadImage: next.leadImage,
      tags: next.tags,
      body: next.body,
    });
    const sent = Object.keys(input.changes) as ArticleField[];
    if (input.bodyPatch) sent.push('body');
    if (result.ok) {
      known = next;
      return {
        ok: true,
        data: {
          version: result.data.version,
          savedAt: new Date(result.data.updatedAt).getTime(),
          slug: result.data.slug,
          bodyHash: '',
          applied: sent,
          conflicts: [],
          theirs: {},
        },
      };
    }
    if (result.code === 'conflict' && result.current) {
      const current = result.current as ConflictState;
      const theirs: Partial<ArticleFieldValues> = {
        headline: current.headline,
        body: JSON.stringify(current.body),
      };
      const conflicts = (['headline', 'body'] as const)
        .filter((f) => sent.includes(f) && theirs[f] !== next[f])
        .map((f): FieldConflict => ({
          field: f,
          theirs: theirs[f]!,
          mine: next[f],
          changedBy: { id: 0, name: 'شخص آخر' },
          changedAt: Date.parse(current.updatedAt),
        }));
      known = { ...known, headline: current.headline, body: theirs.body! };
      return {
        ok: true,
        data: {
          version: current.version,
          savedAt: Date.now(),
          slug: next.slug,
          bodyHash: '',
          applied: sent.filter((f) => !conflicts.some((c) => c.field === f)),
          conflicts,
          theirs: {},
        },
      };
    }
    return { ok: false, code: result.code, message: result.message, fieldErrors: result.fieldErrors };
  };
}
