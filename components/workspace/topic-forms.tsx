'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/app/_server/action';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
const INPUT = 'rounded-md border border-slate-300 px-2 py-1 text-sm';

/** An owner's controls for one topic: rename it, merge it into another, delete it when empty. */
export function TopicControls({
  workspaceId,
  topic,
  others,
  rename,
  merge,
  remove,
}: {
  workspaceId: string;
  topic: { id: string; question: string; claims: number; similar: { id: string }[] };
  others: { id: string; question: string }[];
  rename: Action;
  merge: Action;
  remove: Action;
}) {
  const [renamed, renameAction, renaming] = useActionState(rename, {});
  const [merged, mergeAction, merging] = useActionState(merge, {});
  const [removed, removeAction] = useActionState(remove, {});
  const state = [renamed, merged, removed].find((s) => s.message || s.fieldErrors) ?? {};
  const message = state.fieldErrors ? Object.values(state.fieldErrors).flat().join(' ') : state.message;
  // The likely duplicates first in the merge list.
  const ordered = [
    ...others.filter((o) => topic.similar.some((s) => s.id === o.id)),
    ...others.filter((o) => !topic.similar.some((s) => s.id === o.id)),
  ];
  return (
    <div className="space-y-2">
      <form
        action={renameAction}
        className="flex flex-wrap items-end gap-2"
        aria-label={`Rename “${topic.question}”`}
      >
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="topicId" value={topic.id} />
        <label className="flex min-w-[16rem] flex-1 flex-col text-xs text-slate-600">
          Question
          <input name="question" defaultValue={topic.question} maxLength={300} className={INPUT} />
        </label>
        <Button type="submit" size="sm" variant="secondary" disabled={renaming}>
          Rename
        </Button>
      </form>
      {ordered.length ? (
        <form
          action={mergeAction}
          className="flex flex-wrap items-end gap-2"
          aria-label={`Merge “${topic.question}”`}
        >
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <input type="hidden" name="topicId" value={topic.id} />
          <label className="flex min-w-[16rem] flex-1 flex-col text-xs text-slate-600">
            Merge into
            <select name="intoId" defaultValue="" className={INPUT}>
              <option value="">Choose a topic…</option>
              {ordered.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.question}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" size="sm" variant="secondary" disabled={merging}>
            Merge
          </Button>
        </form>
      ) : null}
      {topic.claims === 0 ? (
        <form action={removeAction}>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <input type="hidden" name="topicId" value={topic.id} />
          <Button type="submit" size="sm" variant="ghost" aria-label={`Delete the topic “${topic.question}”`}>
            Delete
          </Button>
        </form>
      ) : null}
      <FormMessage ok={state.ok} message={message} />
    </div>
  );
}
