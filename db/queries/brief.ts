/**
 * The brief as a page of the app (*Print brief*): the HTML brief (lib/export/html.ts) of the
 * claims in scope, read from one snapshot like any export and with the same authorization and
 * blind-assessment rules (./export.ts). A page holds at most `BRIEF_PAGE_CLAIMS` claims: a larger
 * scope is told to narrow its filters or download the brief instead (the downloads stream any size).
 */
import { briefHtmlBody } from '@/lib/export/html';
import { scopeLabel } from '@/lib/export/rows';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import type { Store } from '../store';
import type { Actor } from './access';
import { openExport } from './export';

export const BRIEF_PAGE_CLAIMS = 500;

export interface BriefPage {
  claimCount: number;
  /** The scope in words ("all claims", "topic: How much ransom was paid?"). */
  scope: string;
  /** The brief's sanitized HTML; null when the scope holds more claims than a page shows. */
  html: string | null;
}

export async function readBriefPage(
  store: Store,
  params: { actor: Actor; workspaceId: string; filters?: EvidenceTableFilters },
): Promise<BriefPage> {
  return openExport(store, { ...params, baseUrl: '' }, async (data) => {
    const scope = scopeLabel(data);
    if (data.claimCount > BRIEF_PAGE_CLAIMS) return { claimCount: data.claimCount, scope, html: null };
    let html = '';
    for await (const piece of briefHtmlBody(data)) html += piece;
    return { claimCount: data.claimCount, scope, html };
  });
}
