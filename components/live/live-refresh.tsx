'use client';

import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { useLiveEvent } from './live-provider';
import type { LiveEvent } from '@/db/events';

/** Re-renders a server page when a live event of the given kinds arrives (at most twice a second). */
export function LiveRefresh({ on }: { on: LiveEvent['type'][] }) {
  const router = useRouter();
  const pending = useRef<number | null>(null);
  useLiveEvent((event) => {
    if (!on.includes(event.type) || pending.current !== null) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      router.refresh();
    }, 500);
  });
  return null;
}
