// The interface's words for why a revision was written and for the activity log's actions
// (GLOSSARY.md: actions, the desk, people). Unknown values (a newer branch's action) show as is.

export const REVISION_REASON_LABELS: Record<string, string> = {
  create: 'إنشاء',
  save: 'حفظ',
  submit: 'إرسال للمراجعة',
  withdraw: 'سحب من المراجعة',
  request_changes: 'طلب تعديلات',
  approve: 'اعتماد',
  schedule: 'جدولة',
  publish: 'نشر',
  unpublish: 'إلغاء النشر',
  archive: 'أرشفة',
  restore: 'استعادة',
  correction: 'تصحيح',
  update: 'تحديث',
};

export const EVENT_ACTION_LABELS: Record<string, string> = {
  ...REVISION_REASON_LABELS,
  requestChanges: 'طلب تعديلات',
  delete: 'حذف',
  unschedule: 'إلغاء الجدولة',
  embargo: 'حظر النشر حتى',
  note: 'إضافة ملاحظة',
  // The workflow's own (lib/newsroom/workflow.ts, transition).
  scheduled_publish: 'نشر في موعده',
  member_added: 'إضافة عضو',
  role_changed: 'تغيير الدور',
  member_disabled: 'تعطيل الحساب',
  member_enabled: 'تفعيل الحساب',
  password_reset: 'إعادة تعيين كلمة المرور',
  password_changed: 'تغيير كلمة المرور',
  sign_in_unlocked: 'إلغاء قفل الدخول',
  sign_in_link_issued: 'إصدار رابط دخول لمرة واحدة',
  sign_in_link_used: 'الدخول برابط لمرة واحدة',
  // تعليق على النص (lib/newsroom/text-comments.ts).
  text_comment: 'تعليق على النص',
  text_comment_reply: 'رد على تعليق على النص',
  text_comment_resolved: 'حل تعليق على النص',
  text_comment_reopened: 'إعادة فتح تعليق على النص',
  // أسلوب التحرير (lib/newsroom/house-style.ts).
  house_style_rule_added: 'إضافة قاعدة',
  house_style_rule_changed: 'تعديل قاعدة',
  house_style_rule_deleted: 'حذف قاعدة',
  dictionary_word_added: 'إضافة كلمة إلى القاموس',
  dictionary_word_removed: 'حذف كلمة من القاموس',
  // التكاملات and الوارد من الوكالات (lib/platform).
  apikey_create: 'إنشاء مفتاح للواجهة البرمجية',
  apikey_revoke: 'إلغاء المفتاح',
  webhook_create: 'تسجيل خطاف',
  webhook_enable: 'تشغيل خطاف',
  webhook_disable: 'إيقاف خطاف',
  webhook_delete: 'حذف خطاف',
  wire_in: 'وصول مادة من وكالة',
  wire_take: 'أخذ مادة وكالة إلى سير العمل',
  // The planning desk (lib/newsroom/planning.ts, calendar-feed.ts).
  story_planned: 'إضافة قصة إلى خطة التغطية',
  story_assigned: 'تكليف',
  story_reassigned: 'إعادة التكليف',
  story_updated: 'تعديل تكليف',
  assignment_accepted: 'قبول التكليف',
  assignment_declined: 'الاعتذار عن التكليف',
  pitch_proposed: 'اقتراح قصة',
  pitch_accepted: 'قبول مقترح في الخطة',
  pitch_declined: 'رفض مقترح',
  calendar_feed_renewed: 'إنشاء رابط التقويم الخاص',
  calendar_feed_revoked: 'إلغاء رابط التقويم الخاص',
  // Were shown as raw keys in سجل النشاط (lib/newsroom/front-page.ts).
  top_story_chosen: 'اختيار الخبر الرئيسي',
  top_story_cleared: 'إلغاء الخبر الرئيسي',
};

export const reasonLabel = (reason: string): string => REVISION_REASON_LABELS[reason] ?? reason;
export const eventLabel = (action: string): string => EVENT_ACTION_LABELS[action] ?? action;
