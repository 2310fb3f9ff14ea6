import { requireApiUser } from '@/app/_server/api';
import { errorResponse } from '@/app/_server/errors';
import { exportResponse } from '@/app/_server/export-response';

type Context = { params: Promise<{ workspaceId: string }> };

/** Downloads an export of the workspace (or a document, or the table's view) for a signed-in member. */
export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser();
    const { workspaceId } = await context.params;
    return await exportResponse(user, workspaceId, request);
  } catch (error) {
    return errorResponse(error);
  }
}
