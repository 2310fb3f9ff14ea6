'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, type ApiResult } from '@/components/annotate/api';
import { useLiveEvent } from '@/components/live/live-provider';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import type { CommentView, ThreadView } from '@/db/queries/comments';

/** A member as the mention picker offers them: `label` tells namesakes apart ("Ana Costa (2)"). */
type Member = { id: string; name: string; label: string };
type Page = { threads: ThreadView[]; nextCursor: string | null; members: Member[] };

const pageUrl = (claimId: string, cursor: string | null) =>
  `/api/claims/${claimId}/comments${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;

const when = (d: Date | string) =>
  new Date(d).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A claim's discussion: threads with replies, Markdown, @mentions, resolve and reopen; live. The
 * newest threads come first (a page at a time, "Show earlier comments" reads the page before);
 * when the discussion changes, every thread already shown is read again.
 */
export function Discussion({ claimId, canComment }: { claimId: string; canComment: boolean }) {
  const [threads, setThreads] = useState<ThreadView[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string>();
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  /** when the oldest thread shown was started: a reload reads pages back to it */
  const oldestShown = useRef<number | null>(null);

  useEffect(() => {
    oldestShown.current = threads?.length ? new Date(threads[0]!.createdAt).getTime() : null;
  }, [threads]);

  // A link to one comment (#comment-ID, from search): pages are read back until it is shown.
  // (Read once on the client: the comments themselves load after hydration, so nothing differs.)
  const [target] = useState<string | null>(() =>
    typeof window === 'undefined'
      ? null
      : (/^#comment-([\w-]{1,100})$/.exec(window.location.hash)?.[1] ?? null),
  );
  const targetShown = useRef(false);

  useEffect(() => {
    if (
      !target ||
      targetShown.current ||
      !threads?.some((t) => t.id === target || t.replies.some((r) => r.id === target))
    )
      return;
    targetShown.current = true;
    const element = document.getElementById(`comment-${target}`);
    element?.scrollIntoView({ block: 'center' });
    element?.focus({ preventScroll: true });
  }, [target, threads]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const back = oldestShown.current;
      const wanted = targetShown.current ? null : target;
      let pages = 0;
      let all: ThreadView[] = [];
      let cursor: string | null = null;
      let people: Member[] = [];
      do {
        const res: ApiResult<Page> = await api<Page>('GET', pageUrl(claimId, cursor));
        if (!live) return;
        if (!res.ok) {
          setError(res.error.message);
          return;
        }
        all = [...res.data.threads, ...all];
        cursor = res.data.nextCursor;
        people = res.data.members;
        pages += 1;
      } while (
        cursor &&
        ((back !== null && !all.some((t) => new Date(t.createdAt).getTime() <= back)) ||
          (wanted !== null &&
            pages < 50 &&
            !all.some((t) => t.id === wanted || t.replies.some((r) => r.id === wanted))))
      );
      setThreads(all);
      setNextCursor(cursor);
      setMembers(people);
    })();
    return () => {
      live = false;
    };
  }, [claimId, generation, target]);

  const showEarlier = async () => {
    if (!nextCursor) return;
    setLoadingEarlier(true);
    setError(undefined);
    const res = await api<Page>('GET', pageUrl(claimId, nextCursor));
    setLoadingEarlier(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    // A thread can be on both pages when threads were started in between: keep one.
    setThreads((shown) => {
      const have = new Set((shown ?? []).map((t) => t.id));
      return [...res.data.threads.filter((t) => !have.has(t.id)), ...(shown ?? [])];
    });
    setNextCursor(res.data.nextCursor);
  };

  useLiveEvent((event) => {
    if (event.type === 'comments' && event.claimId === claimId) reload();
  });

  const act = async (method: string, url: string, body?: unknown) => {
    setError(undefined);
    const res = await api(method, url, body);
    if (!res.ok) {
      setError(res.error.message);
      return false;
    }
    reload();
    return true;
  };

  return (
    <section aria-label="Discussion" className="space-y-2">
      <h4 className="text-sm font-semibold">Discussion</h4>
      {threads === null ? <p className="text-sm text-slate-500">Loading the discussion…</p> : null}
      {threads?.length === 0 ? <p className="text-sm text-slate-500">No comments yet.</p> : null}
      {nextCursor ? (
        <button
          type="button"
          className="text-xs text-indigo-700 underline disabled:text-slate-400"
          disabled={loadingEarlier}
          onClick={() => void showEarlier()}
        >
          {loadingEarlier ? 'Loading earlier comments…' : 'Show earlier comments'}
        </button>
      ) : null}
      <ol className="space-y-3">
        {threads?.map((t) => (
          <li
            key={t.id}
            className={`rounded border px-2 py-1.5 ${t.resolved ? 'border-slate-200 bg-slate-50' : 'border-slate-300'}`}
          >
            <Comment comment={t} onAct={act} canComment={canComment} targeted={t.id === target} />
            {t.resolved ? (
              <p className="text-xs text-slate-500">
                Resolved by {t.resolved.byName} on {when(t.resolved.at)}.
              </p>
            ) : null}
            {t.replies.length ? (
              <ol aria-label="Replies" className="mt-2 space-y-2 border-l-2 border-slate-200 pl-3">
                {t.replies.map((r) => (
                  <li key={r.id}>
                    <Comment comment={r} onAct={act} canComment={canComment} targeted={r.id === target} />
                  </li>
                ))}
              </ol>
            ) : null}
            {canComment ? (
              <div className="mt-1 flex flex-wrap gap-3 text-xs">
                <ReplyBox
                  members={members}
                  onSubmit={(body) =>
                    act('POST', `/api/claims/${claimId}/comments`, { body, parentId: t.id })
                  }
                />
                <button
                  type="button"
                  className="text-slate-600 underline"
                  onClick={() =>
                    void act('PUT', `/api/comments/${t.id}/resolution`, { resolved: !t.resolved })
                  }
                >
                  {t.resolved ? 'Reopen thread' : 'Resolve thread'}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {canComment ? (
        <CommentBox
          label="New comment"
          submitLabel="Comment"
          members={members}
          onSubmit={(body) => act('POST', `/api/claims/${claimId}/comments`, { body })}
        />
      ) : null}
      <FormMessage message={error} />
    </section>
  );
}

function Comment({
  comment,
  onAct,
  canComment,
  targeted = false,
}: {
  comment: CommentView;
  onAct: (method: string, url: string, body?: unknown) => Promise<boolean>;
  canComment: boolean;
  /** The comment a link pointed at (#comment-ID): marked. */
  targeted?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  if (comment.deleted) return <p className="text-sm text-slate-500 italic">Comment deleted.</p>;
  return (
    <article
      id={`comment-${comment.id}`}
      tabIndex={-1}
      aria-label={`Comment by ${comment.authorName}`}
      aria-current={targeted ? 'true' : undefined}
      className={`text-sm ${targeted ? 'rounded bg-amber-50 ring-2 ring-amber-400' : ''}`}
    >
      <p className="text-xs text-slate-500">
        <strong className="text-slate-800">{comment.authorName}</strong> · {when(comment.createdAt)}
        {comment.editedAt ? ' · edited' : ''}
      </p>
      {editing ? (
        <CommentBox
          label="Edit comment"
          submitLabel="Save comment"
          initial={comment.body ?? ''}
          members={[]}
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const ok = await onAct('PATCH', `/api/comments/${comment.id}`, {
              body,
              version: comment.version,
            });
            if (ok) setEditing(false);
            return ok;
          }}
        />
      ) : (
        // Rendered from Markdown and sanitized on the server (lib/review/comment-markdown.ts).
        <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {!editing && ((comment.mine && canComment) || comment.canDelete) ? (
        <div className="flex gap-3 text-xs">
          {comment.mine && canComment ? (
            <button type="button" className="text-slate-600 underline" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          {comment.canDelete ? (
            <ConfirmDialog
              trigger={
                <button type="button" className="text-slate-600 underline">
                  Delete
                </button>
              }
              title={comment.mine ? 'Delete your comment?' : `Delete ${comment.authorName}’s comment?`}
              description={
                comment.mine
                  ? 'It is removed from the discussion; replies to it stay.'
                  : 'As an owner you may remove any comment. It is removed from the discussion (replies to it stay), and the workspace’s activity log records that you deleted it.'
              }
              confirmLabel="Delete comment"
              onConfirm={() => void onAct('DELETE', `/api/comments/${comment.id}`)}
            />
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function ReplyBox({
  members,
  onSubmit,
}: {
  members: Member[];
  onSubmit: (body: string) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="text-indigo-700 underline" onClick={() => setOpen(true)}>
        Reply
      </button>
    );
  return (
    <div className="w-full">
      <CommentBox
        label="Reply"
        submitLabel="Reply"
        members={members}
        onCancel={() => setOpen(false)}
        onSubmit={async (body) => {
          const ok = await onSubmit(body);
          if (ok) setOpen(false);
          return ok;
        }}
      />
    </div>
  );
}

/** A Markdown box with a "Mention" picker that inserts @Name at the cursor. */
function CommentBox({
  label,
  submitLabel,
  members,
  initial = '',
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  members: Member[];
  initial?: string;
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  // Typing "@" and the start of a name offers the members whose name starts so (or a word of it).
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const listId = useId();
  const typed =
    caret === null ? null : /(?:^|\s)@([^\s@]{0,30}(?: [^\s@]{0,30})?)$/u.exec(body.slice(0, caret));
  const query = typed ? typed[1]!.toLowerCase() : null;
  const offered =
    query === null || dismissed === caret
      ? []
      : members
          .filter((m) => {
            const label = m.label.toLowerCase();
            return label.startsWith(query) || label.split(/\s+/).some((w) => w.startsWith(query));
          })
          .slice(0, 8);
  const choose = (label: string) => {
    if (caret === null || query === null) return;
    const start = caret - query.length - 1;
    const insert = `@${label} `;
    const next = body.slice(0, start) + insert + body.slice(caret);
    setBody(next);
    const at = start + insert.length;
    setCaret(at);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
    });
  };
  const mention = (label: string) => {
    const el = area.current;
    const at = el?.selectionStart ?? body.length;
    const before = body.slice(0, at);
    const insert = `${before && !/\s$/.test(before) ? ' ' : ''}@${label} `;
    setBody(before + insert + body.slice(at));
    el?.focus();
  };
  return (
    <form
      className="space-y-1"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        if (await onSubmit(body)) setBody('');
        setBusy(false);
      }}
    >
      <div className="relative">
        <textarea
          ref={area}
          aria-label={label}
          rows={3}
          value={body}
          aria-autocomplete="list"
          aria-controls={offered.length ? listId : undefined}
          aria-activedescendant={
            offered.length ? `${listId}-${Math.min(active, offered.length - 1)}` : undefined
          }
          onChange={(e) => {
            setBody(e.target.value);
            setCaret(e.target.selectionStart);
            setActive(0);
            setDismissed(null);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            if (!offered.length) return;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((a) => (a + step + offered.length) % offered.length);
            } else if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              choose(offered[Math.min(active, offered.length - 1)]!.label);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setDismissed(caret);
            }
          }}
          placeholder="Markdown; mention a member with @Name"
          className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        {offered.length ? (
          <ul
            id={listId}
            role="listbox"
            aria-label="Members to mention"
            className="absolute z-10 mt-1 max-h-48 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white text-sm shadow"
          >
            {offered.map((m, i) => (
              <li
                key={m.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === Math.min(active, offered.length - 1)}
                className={`cursor-pointer px-2 py-1 ${i === Math.min(active, offered.length - 1) ? 'bg-indigo-100' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(m.label);
                }}
              >
                {m.label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" type="submit" disabled={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button size="sm" type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        {members.length ? (
          <select
            aria-label="Mention a member"
            className="rounded border border-slate-300 bg-white px-1.5 py-1 text-xs"
            value=""
            onChange={(e) => {
              if (e.target.value) mention(e.target.value);
            }}
          >
            <option value="">Mention…</option>
            {members.map((m) => (
              <option key={m.id} value={m.label}>
                {m.label}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    </form>
  );
}
