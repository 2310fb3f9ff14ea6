/**
 * The stored vocabularies of Warrant that are neither an analysts' scale (./scales: reliability,
 * credibility, likelihood, confidence, stance, claim kind, source kind) nor a role
 * (./permissions). Each list here is the one source of truth for its values: db/schema.ts builds
 * the column's type and its CHECK constraint from it, forms, filters and the API schema read it.
 * Adding a value means a migration (`npm run db:generate` rebuilds the table with the new CHECK).
 *
 * Pure: no framework, no database.
 */

/** A claim's review status (db `claims.status`). */
export const CLAIM_STATUSES = ['draft', 'in_review', 'accepted', 'rejected', 'disputed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Lower-case words for a claim status, as running text and exports write them. */
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: 'draft',
  in_review: 'in review',
  accepted: 'accepted',
  rejected: 'rejected',
  disputed: 'disputed',
};

/** A claim status as a heading, a badge or an option writes it: "In review". */
export function claimStatusTitle(status: ClaimStatus): string {
  const label = CLAIM_STATUS_LABELS[status];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** How well a claim's passage holds on its revision (db `anchors.status`; DESIGN.md section 3). */
export const ANCHOR_STATUSES = ['exact', 'fuzzy', 'orphaned'] as const;
export type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

/** The formats a text may be pasted in. */
export const PASTE_FORMATS = ['text', 'markdown', 'html'] as const;
export type PasteFormat = (typeof PASTE_FORMATS)[number];
/** The formats a document may be imported from (pasted, or a .docx or .pdf file). */
export const SOURCE_FORMATS = [...PASTE_FORMATS, 'docx', 'pdf'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
/** What a revision was made from (db `document_revisions.format`): an import, or `edit` in the app. */
export const REVISION_FORMATS = [...SOURCE_FORMATS, 'edit'] as const;
export type RevisionFormat = (typeof REVISION_FORMATS)[number];

/** The outcomes a reviewer chooses when adjudicating a claim: each is also the claim's new status. */
export const ADJUDICATION_OUTCOMES = [
  'accepted',
  'rejected',
  'disputed',
] as const satisfies readonly ClaimStatus[];
export type AdjudicationOutcome = (typeof ADJUDICATION_OUTCOMES)[number];

/** Whether a claim's status is a reviewer's decision (accepted, rejected or disputed). */
export function isAdjudicated(status: ClaimStatus): status is AdjudicationOutcome {
  return (ADJUDICATION_OUTCOMES as readonly string[]).includes(status);
}

/**
 * A recorded decision's outcome (db `decisions.outcome`): the reviewer's choice, or `alternative`
 * for the other claims of a topic when the reviewer preferred one of them.
 */
export const DECISION_OUTCOMES = [...ADJUDICATION_OUTCOMES, 'alternative'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** What an in-app notification is about (db `notifications.kind`). */
/** What a search result can be (db/queries/search.ts), in the order the search page groups them. */
export const SEARCH_KINDS = ['passage', 'document', 'claim', 'source', 'evidence', 'comment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  passage: 'Passages',
  document: 'Documents',
  claim: 'Claims',
  source: 'Sources',
  evidence: 'Evidence',
  comment: 'Discussion',
};

export const NOTIFICATION_KINDS = [
  'mention',
  'assignment',
  'decision',
  'reply',
  'overruled',
  'contested',
  'edited',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How many of `items` hold each value of `vocabulary`: every value is a key (0 when none). */
export function tally<V extends string>(vocabulary: readonly V[], items: Iterable<V>): Record<V, number> {
  const counts = Object.fromEntries(vocabulary.map((v) => [v, 0])) as Record<V, number>;
  for (const item of items) counts[item] += 1;
  return counts;
}
