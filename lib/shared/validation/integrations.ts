import { z } from './zod';
import { API_SCOPES } from '@/lib/shared/permissions';
import { WEBHOOK_EVENTS } from '@/lib/shared/webhook-events';

// التكاملات's forms and actions share these; each message is shown next to its field.

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const createKeyInput = z.object({
  name: z
    .string({ error: 'اسم المفتاح مطلوب' })
    .trim()
    .min(1, 'اكتب اسماً للمفتاح يدل على التكامل الذي يستعمله.')
    .max(120, 'اسم المفتاح أطول من 120 حرفاً'),
  ownerId: id,
  scopes: z.array(z.enum(API_SCOPES)).min(1, 'اختر نطاقاً واحداً على الأقل.'),
});

export const keyIdInput = z.object({ keyId: id });

export const createWebhookInput = z.object({
  url: z.string().trim().min(1, 'عنوان الخطاف مطلوب').max(2000, 'عنوان الخطاف أطول من المسموح'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'اختر حدثاً واحداً على الأقل.'),
  description: z.string().trim().max(200).optional(),
});

export const webhookIdInput = z.object({ webhookId: id });
export const setWebhookInput = z.object({ webhookId: id, enabled: z.boolean() });
export const deliveryIdInput = z.object({ deliveryId: id });
