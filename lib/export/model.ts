/**
 * The export model: what every serializer in lib/export reads. Plain data (dates as ISO 8601
 * strings), shaped by the data-access layer, with nothing of the database or the framework in it.
 *
 * Claims are not an array but a function returning an async iterable, so that an export of
 * 100,000 claims reads them from the database in batches and holds only a batch at a time.
 */
import type {
  ClaimKind,
  Confidence,
  Credibility,
  Likelihood,
  Reliability,
  SourceKind,
  Stance,
} from '../scales';
import type { AnchorStatus, ClaimStatus, DecisionOutcome } from '../vocabulary';
import type { RowLayout } from './rows';

export type { RowLayout };

export interface ExportContext {
  workspace: { id: string; name: string };
  /** The app's origin, e.g. "http://localhost:3000" (no trailing slash). */
  baseUrl: string;
  exportedAt: string;
  exportedBy: string;
  scope: {
    documentId?: string;
    filters?: Record<string, string>;
    /** What the filters name by id, by filter (a topic's question, a source's name…), to say the scope in words. */
    names?: Record<string, string>;
  };
}

export interface ExportDocument {
  id: string;
  title: string;
  /** The reader's page: `${baseUrl}/w/${workspaceId}/documents/${id}` (see `documentUrl`). */
  url: string;
  /** Where the text was originally published, when known. */
  sourceUrl: string | null;
  author: string | null;
  publishedOn: string | null;
  revisionId: string;
  revisionNumber: number;
}

export type { AnchorStatus, ClaimStatus };
export { CLAIM_STATUS_LABELS } from '../vocabulary';

export interface ExportAnchor {
  id: string;
  documentId: string;
  documentTitle: string;
  revisionId: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** UTF-16 offsets into the canonical text of `revisionId`; null when orphaned. */
  start: number | null;
  end: number | null;
  /**
   * The same offsets counted in Unicode code points, as the W3C TextPositionSelector requires.
   * Optional: the W3C export falls back to `start`/`end`, which are equal whenever no character
   * outside the Basic Multilingual Plane (an emoji, say) precedes the passage. See `toCodePointOffset`.
   */
  codePoints?: { start: number; end: number } | null;
  status: AnchorStatus;
  /** 1 for an exact anchor, the match score (0–1) for a fuzzy one, 0 for an orphan. */
  score: number;
  /**
   * An orphan's last known place: the revision that last held the passage (its number names it in
   * the app's address) and its UTF-16 offsets there. Null when unknown (orphaned before this was
   * kept) and for a passage that is not orphaned.
   */
  held?: { revisionId: string; revisionNumber: number; start: number; end: number } | null;
  /**
   * The pages of the source the passage stands on (ascending), for a document imported from a PDF
   * (an orphan: at its last known place; empty when unknown). Absent for any other document.
   */
  pages?: number[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportEvidence {
  id: string;
  sourceId: string;
  sourceName: string;
  sourceKind: SourceKind | string;
  sourceUrl: string | null;
  /** The source's reliability (A–F) at the time of the export. */
  reliability: Reliability;
  stance: Stance;
  credibility: Credibility;
  quote: string | null;
  locator: string | null;
  note: string | null;
  accessedOn: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportAssessment {
  id: string;
  /** The analyst's display name; unique within one export (the caller disambiguates namesakes). */
  analyst: string;
  likelihood: Likelihood;
  confidence: Confidence;
  rationale: string;
  createdAt: string;
  updatedAt: string;
}

/** A reviewer's decision; `alternative`: another claim of the topic was preferred to this one. */
export type DecisionStatus = DecisionOutcome;

export interface ExportDecision {
  status: DecisionStatus;
  rationale: string;
  decidedBy: string;
  decidedAt: string;
  preferredClaimId: string | null;
  /**
   * The team's judgment the reviewer recorded with the decision, or null: none recorded, or blind
   * assessments hide it from the member exporting (as they hide the others' assessments).
   */
  likelihood: Likelihood | null;
  confidence: Confidence | null;
}

export interface ExportClaim {
  id: string;
  statement: string;
  /** The claim type's name ("Ransom"). */
  type: string;
  /** The topic's question ("How much ransom was paid?"), or null. */
  topic: string | null;
  tags: string[];
  kind: ClaimKind;
  quantity: { min: number; max: number; unit: string } | null;
  status: ClaimStatus;
  /** The id of the claim this one competes with, if any. */
  alternativeOf: string | null;
  /**
   * Why the claim is contested: the labels of the reasons (`CONTESTED_REASON_LABELS` of
   * lib/review/contested, e.g. "competing values"), a fixed vocabulary without ";". Not the
   * free-text details.
   */
  contested: string[];
  author: string | null;
  reviewer: string | null;
  decision: ExportDecision | null;
  createdAt: string;
  updatedAt: string;
  anchors: ExportAnchor[];
  evidence: ExportEvidence[];
  assessments: ExportAssessment[];
}

export interface ExportSourceRating {
  reliability: Reliability;
  previous: Reliability | null;
  reason: string;
  changedBy: string | null;
  changedAt: string;
}

export interface ExportSource {
  id: string;
  name: string;
  kind: SourceKind | string;
  url: string | null;
  description: string | null;
  reliability: Reliability;
  /** The rating history, oldest first. */
  ratings: ExportSourceRating[];
  createdAt: string;
}

/**
 * What every serializer reads. claims() may be called several times; each call yields the claims
 * afresh (from the database in batches), ordered by topic (claims without topic last) then
 * creation.
 */
export interface ExportSourceData {
  context: ExportContext;
  documents: ExportDocument[];
  sources: ExportSource[];
  layout: RowLayout;
  claims: () => AsyncIterable<ExportClaim>;
}

/** The reader's page of a document. */
export function documentUrl(context: ExportContext, documentId: string): string {
  return `${context.baseUrl}/w/${encodeURIComponent(context.workspace.id)}/documents/${encodeURIComponent(documentId)}`;
}

/** The app's page of one revision of a document (an orphan's last known place). */
export function revisionUrl(context: ExportContext, documentId: string, revisionNumber: number): string {
  return `${documentUrl(context, documentId)}/revisions/${revisionNumber}`;
}

/** A claim's page in the app (used as the ClaimReview url). */
export function claimUrl(context: ExportContext, claimId: string): string {
  return `${context.baseUrl}/w/${encodeURIComponent(context.workspace.id)}/claims/${encodeURIComponent(claimId)}`;
}

/** A claim's address in the public API (used in the ids of W3C annotations). */
export function claimApiUrl(context: ExportContext, claimId: string): string {
  return `${context.baseUrl}/api/v1/claims/${encodeURIComponent(claimId)}`;
}
