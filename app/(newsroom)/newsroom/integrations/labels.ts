import type { ApiScope } from '@/lib/shared/permissions';

// The scopes as the التكاملات page names them (docs/glossary.md, API and integrations).
export const SCOPE_LABELS: Record<ApiScope, string> = {
  'content:read': 'قراءة المحتوى المنشور (content:read)',
  'drafts:write': 'كتابة المسودات (drafts:write)',
  publish: 'النشر وتغيير الحالة (publish)',
  webhooks: 'الخطافات (webhooks)',
  wire: 'الوارد من الوكالات (wire)',
};
