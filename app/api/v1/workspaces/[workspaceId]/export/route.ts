import { v1Route } from '@/app/_server/api-v1';
import { exportResponse } from '@/app/_server/export-response';

type Params = { workspaceId: string };

/** GET /api/v1/workspaces/{id}/export?format=…&document=…&(table filters): a streamed download. */
export const GET = v1Route<Params>(async ({ request, actor, params }) =>
  exportResponse(actor, params.workspaceId, request),
);
