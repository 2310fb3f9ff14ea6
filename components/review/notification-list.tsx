'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/components/annotate/api';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { NotificationView } from '@/db/queries/notifications';

const KIND_WORDS: Record<NotificationView['kind'], string> = {
  mention: 'Mention',
  assignment: 'Assignment',
  decision: 'Decision',
  reply: 'Reply',
  overruled: 'Your assessment overruled',
  contested: 'Contested',
  edited: 'Edited',
};

/** Notifications, newest first; unread ones stand out and can be marked read. */
export function NotificationList({ notifications }: { notifications: NotificationView[] }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const unread = notifications.filter((n) => !n.read);
  const mark = async (ids: string[] | 'all') => {
    const res = await api('POST', '/api/notifications/read', { ids });
    if (!res.ok) setError(res.error.message);
    else router.refresh();
  };
  if (notifications.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No notifications yet: you are told here when someone mentions you in a comment, asks you to review a
        claim, or when a decision or an edit touches your claims and assessments.
      </p>
    );
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3 text-sm">
        <span>{unread.length} unread</span>
        {unread.length ? (
          <Button size="sm" variant="secondary" onClick={() => void mark('all')}>
            Mark all as read
          </Button>
        ) : null}
      </div>
      <FormMessage message={error} />
      <ul aria-label="Notifications" className="space-y-2">
        {notifications.map((n) => (
          <li
            key={n.id}
            className={`rounded-md border px-3 py-2 text-sm ${n.read ? 'border-slate-200 bg-white text-slate-600' : 'border-indigo-200 bg-indigo-50'}`}
          >
            <p className="text-xs text-slate-500">
              {KIND_WORDS[n.kind]} · {n.workspaceName} ·{' '}
              {new Date(n.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
              {n.read ? '' : ' · unread'}
            </p>
            <p>
              {n.claimId ? (
                <Link
                  href={`/w/${n.workspaceId}/claims/${n.claimId}`}
                  className="text-indigo-800 hover:underline"
                  onClick={() => (n.read ? undefined : void mark([n.id]))}
                >
                  {n.text}
                </Link>
              ) : (
                n.text
              )}
            </p>
            {!n.read ? (
              <button
                type="button"
                className="text-xs text-slate-600 underline"
                onClick={() => void mark([n.id])}
                aria-label={`Mark as read: ${n.text}`}
              >
                Mark as read
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
