import { apiRoute } from '@/lib/http/api-route';
import { submitFromApi } from '@/lib/platform/drafts';
import { idParams } from '@/lib/platform/schemas';

// POST /api/v1/articles/{id}/submit: to the desk (قيد المراجعة), as the editor's button does.
export const POST = apiRoute({ operation: 'submit', params: idParams }, (caller, { params }) =>
  submitFromApi(caller.owner, params.id),
);
