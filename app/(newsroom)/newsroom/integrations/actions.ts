'use server';

import { newsroomAction } from '@/lib/http/action';
import { createApiKey, revokeApiKey } from '@/lib/platform/keys';
import {
  deleteWebhook,
  registerWebhook,
  retryDelivery,
  setWebhookEnabled,
  UnsafeWebhookUrl,
} from '@/lib/platform/webhooks';
import { ActionError } from '@/lib/shared/errors';
import {
  createKeyInput,
  createWebhookInput,
  deliveryIdInput,
  keyIdInput,
  setWebhookInput,
  webhookIdInput,
} from '@/lib/shared/validation/integrations';

// التكاملات's writes, each through the one door; every query checks manageIntegrations inside its
// write transaction. A key and a signing secret are shown once, on the admin's screen.

export const createApiKeyAction = newsroomAction(createKeyInput, (user, input) => {
  const created = createApiKey(user, input);
  return { id: created.id, key: created.key };
});

export const revokeApiKeyAction = newsroomAction(keyIdInput, (user, input) => {
  revokeApiKey(user, input.keyId);
  return { keyId: input.keyId };
});

export const createWebhookAction = newsroomAction(createWebhookInput, (user, input) => {
  try {
    const hook = registerWebhook(user, input);
    return { id: hook.id, secret: hook.secret };
  } catch (error) {
    if (error instanceof UnsafeWebhookUrl) throw new ActionError('invalid_input', { url: error.reason });
    throw error;
  }
});

export const setWebhookEnabledAction = newsroomAction(setWebhookInput, (user, input) => {
  setWebhookEnabled(user, input.webhookId, input.enabled);
  return { webhookId: input.webhookId };
});

export const deleteWebhookAction = newsroomAction(webhookIdInput, (user, input) => {
  deleteWebhook(user, input.webhookId);
  return { webhookId: input.webhookId };
});

export const retryDeliveryAction = newsroomAction(deliveryIdInput, (user, input) => {
  retryDelivery(user, input.deliveryId);
  return { deliveryId: input.deliveryId };
});
