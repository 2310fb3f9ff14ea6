/**
 * The server's store: opened once per process (by the start in instrumentation.ts, or on first
 * use) and handed to every data-layer call made by routes, actions and pages. This is the one
 * place the app layer gets its database handle from; nothing below it reaches for a global.
 * Kept on globalThis because Next.js may load this module in more than one bundle.
 */
import { openStore } from '@/db/open';
import type { Store } from '@/db/store';

const holder = globalThis as unknown as { __warrantStore?: Store };

export function appStore(): Store {
  holder.__warrantStore ??= openStore();
  return holder.__warrantStore;
}
