// The newsroom's enumerations: the values a role, a status or a reason may take. Pure, so the
// editor in the browser and the permissions table name them without importing the storage layer;
// db/schema.ts builds its columns from them.

export const ROLES = ['reporter', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ARTICLE_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'unpublished',
  'archived',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const REVISION_REASONS = [
  'create',
  'save',
  'submit',
  'request_changes',
  'approve',
  'publish',
  'unpublish',
  'restore',
  'correction',
  'withdraw',
  'schedule',
  'archive',
] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const NOTE_KINDS = ['note', 'request_changes'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTIFICATION_KINDS = [
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'mentioned',
  // @name in a comment on the text (lib/newsroom/text-comments.ts).
  'mentioned_in_comment',
  // The planning desk (issue 19): a new assignment, a decline, a deadline an hour away, a missed one.
  'assigned',
  'assignment_declined',
  'deadline_soon',
  'deadline_missed',
  'pitch_declined',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

// The planning desk (lib/shared/planning.ts).
export const PRIORITIES = ['urgent', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];
// The assignee's answer to an assignment (قبول التكليف / الاعتذار).
export const ASSIGNMENT_RESPONSES = ['pending', 'accepted', 'declined'] as const;
export type AssignmentResponse = (typeof ASSIGNMENT_RESPONSES)[number];
export const PITCH_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type PitchStatus = (typeof PITCH_STATUSES)[number];
