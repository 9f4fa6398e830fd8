import { apiRoute, ProblemError } from '@/lib/http/api-route';
import { webhookCreateInput } from '@/lib/platform/schemas';
import { listWebhooks, registerWebhook, UnsafeWebhookUrl } from '@/lib/platform/webhooks';

// GET /api/v1/webhooks, POST /api/v1/webhooks { url, events }: a webhooks-scoped key (its owner
// an admin). The answer to POST carries the signing secret, once.
export const GET = apiRoute({ operation: 'manageWebhooks' }, (caller) => ({
  webhooks: listWebhooks(caller.owner).map(({ id, url, events, description, disabled }) => ({
    id,
    url,
    events,
    description,
    disabled,
  })),
}));

export const POST = apiRoute(
  { operation: 'manageWebhooks', body: 'json', input: webhookCreateInput },
  (caller, { input }) => {
    try {
      const { id, url, events, description, disabled, secret } = registerWebhook(caller.owner, input);
      return { id, url, events, description, disabled, secret };
    } catch (error) {
      if (error instanceof UnsafeWebhookUrl) throw new ProblemError('unsafe-webhook-url', error.reason);
      throw error;
    }
  },
);
