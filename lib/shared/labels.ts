import type { ArticleStatus, Role } from '@/lib/shared/enums';

// The interface's words for states and roles, from the newsroom glossary.
export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'مسودة',
  in_review: 'قيد المراجعة',
  changes_requested: 'مطلوب تعديلات',
  approved: 'معتمد',
  scheduled: 'مجدول',
  published: 'منشور',
  unpublished: 'غير منشور',
  archived: 'مؤرشف',
};

export const ROLE_LABELS: Record<Role, string> = {
  reporter: 'صحفي',
  editor: 'محرر',
  admin: 'مدير',
};
