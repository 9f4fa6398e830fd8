// The contract between the editor's autosave (components/editor/) and the server's three-way
// merge (lib/newsroom/save.ts). Written first, so the two sides can be built apart.
//
// An autosave sends only the fields edited since the last version the server acknowledged,
// with that version as `baseVersion`. The server merges by field: a field that nobody else
// changed since `baseVersion` is applied; a field that someone else changed since then, to a
// value other than the one sent, is a conflict and is NOT applied. Fields others changed that
// this save did not touch are returned in `theirs`, so the editor shows them instead of later
// overwriting them.

export const ARTICLE_FIELDS = [
  'headline',
  'deck',
  'slug',
  'sectionId',
  'dateline',
  'byline',
  'tags',
  'leadImage',
  'body',
] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

export type LeadImageValue = { mediaId: number; alt: string; caption: string; credit: string };

export type ArticleFieldValues = {
  headline: string;
  deck: string;
  // '' means "follow the headline"; anything else is a slug typed by hand.
  slug: string;
  sectionId: number | null;
  dateline: string;
  byline: string;
  tags: string[];
  leadImage: LeadImageValue | null;
  // The TipTap JSON document, serialized (JSON.stringify of the document).
  body: string;
};

export type ArticleChanges = Partial<ArticleFieldValues>;

// Instead of `changes.body`, an autosave may send only the top-level blocks that changed: the
// server splices `insert` in place of `deleteCount` blocks at `from` in the body whose
// serialization hashes to `baseBodyHash` (hex SHA-256 of the stored body string, which every
// save result returns as `bodyHash`). When the stored body no longer hashes to it, the server
// answers with code 'body_base_mismatch' and changes nothing; the editor then sends the whole body.
export type BodyPatch = {
  baseBodyHash: string;
  from: number;
  deleteCount: number;
  insert: unknown[]; // TipTap JSON nodes (top-level blocks); checked against the schema on the server
};

export type SaveArticleInput = {
  articleId: number;
  baseVersion: number;
  changes: ArticleChanges;
  bodyPatch?: BodyPatch;
  // With a whole `changes.body`: the keys (lib/document/merge.ts blockKey) of the top-level blocks
  // of the body this one was edited from. When someone else changed the body since `baseVersion`,
  // the server then merges the two by block against it (different blocks: no conflict) instead of
  // reporting the whole body as a conflict.
  bodyBase?: string[];
};

// The part of a body that both sides changed: their blocks and mine (TipTap JSON nodes).
export type BodyBlockConflict = { theirs: unknown[]; mine: unknown[] };

export type FieldConflict<F extends ArticleField = ArticleField> = {
  field: F;
  theirs: ArticleFieldValues[F];
  mine: ArticleFieldValues[F];
  changedBy: { id: number; name: string };
  changedAt: number; // epoch ms
  // For the body merged by block: only the blocks changed on both sides (the rest merged).
  blocks?: BodyBlockConflict[];
};

export type SaveArticleResult = {
  version: number; // the article's version after this save (unchanged if nothing was applied)
  savedAt: number; // epoch ms
  slug: string; // the stored slug (it may differ from what was sent: uniqueness, normalization)
  bodyHash: string; // hex SHA-256 of the stored body string
  applied: ArticleField[];
  conflicts: FieldConflict[];
  // Fields that others changed since baseVersion and this save did not touch: already merged on
  // the server; the editor adopts them.
  theirs: ArticleChanges;
  // Who made each change in `theirs` (the last to change that field, and when).
  theirsBy?: Partial<Record<ArticleField, { id: number; name: string; at: number }>>;
  // The stored body when it is not the one sent: a block merge combined it with others' changes
  // (the editor adopts it).
  body?: string;
};
