// The events a webhook (الخطاف) may ask for: what the newsroom announces, through the outbox
// (db/outbox.ts), in the transaction of the change. Pure, so the التكاملات page's form and the
// API's schema name the same list.
export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.embargo_lifted',
  'article.scheduled',
  'article.deleted',
  'comment.approved',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'article.published': 'نشر مقال',
  'article.updated': 'تحديث مقال منشور',
  'article.unpublished': 'إلغاء نشر مقال',
  'article.embargo_lifted': 'رفع حظر النشر',
  'article.scheduled': 'جدولة مقال',
  'article.deleted': 'حذف مسودة',
  'comment.approved': 'الموافقة على تعليق',
};

// The outbox topic webhooks consume.
export const WEBHOOK_TOPIC = 'webhooks';
