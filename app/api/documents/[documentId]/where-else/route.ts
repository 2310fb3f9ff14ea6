import { z } from 'zod';
import { invalidInput, jsonRoute } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { whereElseForSelection } from '@/db/queries/where-else';

const selection = z.object({
  start: z.coerce.number({ error: 'Give the selection’s start.' }).int().min(0),
  end: z.coerce.number({ error: 'Give the selection’s end.' }).int().min(1),
});

/** The other passages of the workspace that hold a selection of the document, or nearly ("Where else?"). */
export const GET = jsonRoute<{ documentId: string }>(async ({ request, user, params }) => {
  const parsed = selection.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw invalidInput(parsed.error);
  const { start, end } = parsed.data;
  return whereElseForSelection(appStore(), { actor: user, documentId: params.documentId, start, end });
});
