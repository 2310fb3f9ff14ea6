/**
 * Presenters of the REST API (v1): they shape the data layer's views into the documented
 * representations (lib/api/contract/representations.ts). Dates are ISO 8601 strings; ids are opaque strings.
 */
import type { ClaimRecord, ClaimSummary, AssessmentView, EvidenceView } from '@/db/queries/claim-views';
import type { DocumentSummary, DocumentView } from '@/db/queries/documents';
import type { ReanchorCounts } from '@/db/queries/reanchor';
import type { RevisionSummary } from '@/db/queries/revisions';
import type { SourceView } from '@/db/queries/sources';
import type { WorkspaceView } from '@/db/queries/workspaces';
import type { searchWorkspace } from '@/db/queries/search';
import type { z } from 'zod';
import type {
  assessmentRep,
  assessmentsRep,
  claimRep,
  claimSummaryRep,
  documentRep,
  documentSummaryRep,
  evidenceRep,
  revisionRep,
  revisionResultRep,
  searchResultsRep,
  sourceRep,
  workspaceRep,
} from '@/lib/api/contract/representations';
import { formatSearchQuery } from '@/lib/search/query';
import { hitHref, snippetParts } from '@/lib/search/snippet';

/** What a presenter answers: the representation's zod output, so the contract holds it. */
type Out<S extends z.ZodType> = z.output<S>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentWorkspace(w: WorkspaceView): Out<typeof workspaceRep> {
  return {
    id: w.id,
    name: w.name,
    role: w.role,
    permissions: w.can,
    memberCount: w.memberCount,
    blindAssessments: w.blindAssessments,
    createdAt: iso(w.createdAt),
  };
}

export function presentDocumentSummary(d: DocumentSummary): Out<typeof documentSummaryRep> {
  return {
    id: d.id,
    title: d.title,
    author: d.author,
    outlet: d.outlet,
    publishedOn: d.publishedOn,
    language: d.language,
    wordCount: d.wordCount,
    revisionCount: d.revisionCount,
    claimCount: d.claimCount ?? null,
    updatedAt: iso(d.updatedAt),
  };
}

export function presentRevision(
  r: Pick<RevisionSummary, 'id' | 'number' | 'format' | 'wordCount' | 'note' | 'createdAt'>,
): Out<typeof revisionRep> {
  return {
    id: r.id,
    number: r.number,
    format: r.format,
    wordCount: r.wordCount,
    note: r.note,
    createdAt: iso(r.createdAt),
  };
}

/** A document with its current revision; `text` (its canonical text) when given. */
export function presentDocument(
  d: DocumentView,
  revision: Pick<RevisionSummary, 'id' | 'number' | 'format' | 'wordCount' | 'note' | 'createdAt'>,
  text?: string,
): Out<typeof documentRep> {
  return {
    id: d.id,
    workspaceId: d.workspaceId,
    title: d.title,
    author: d.author,
    outlet: d.outlet,
    sourceUrl: d.sourceUrl,
    publishedOn: d.publishedOn,
    language: d.language,
    notes: d.notes,
    wordCount: d.wordCount,
    revisionCount: d.revisionCount,
    version: d.version,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    currentRevision: presentRevision(revision),
    ...(text !== undefined ? { text } : {}),
  };
}

export function presentRevisionResult(
  r: RevisionSummary & { anchors: ReanchorCounts },
  created: boolean,
): Out<typeof revisionResultRep> {
  return { revision: presentRevision(r), created, anchors: r.anchors };
}

const position = (start: number | null, end: number | null) =>
  start !== null && end !== null ? [{ type: 'TextPositionSelector' as const, start, end }] : [];

/** A claim as listed for a document: its passages in this document, in reading order. */
export function presentClaimSummary(c: ClaimSummary): Out<typeof claimSummaryRep> {
  return {
    id: c.id,
    statement: c.statement,
    typeId: c.typeId,
    kind: c.kind,
    tags: c.tags,
    status: c.status,
    topic: c.topic,
    quantity: c.quantity,
    authorName: c.authorName,
    evidenceCount: c.evidenceCount,
    anchors: c.anchors.map((a) => ({
      id: a.id,
      status: a.status,
      score: a.score,
      selector: [
        ...(a.exact !== undefined ? [{ type: 'TextQuoteSelector' as const, exact: a.exact }] : []),
        ...position(a.start, a.end),
      ],
    })),
  };
}

export function presentClaim(c: ClaimRecord): Out<typeof claimRep> {
  return {
    id: c.id,
    workspaceId: c.workspaceId,
    statement: c.statement,
    typeId: c.typeId,
    type: { id: c.typeId, name: c.typeName, color: c.color },
    kind: c.kind,
    kindLabel: c.kindLabel,
    tags: c.tags,
    status: c.status,
    topic: c.topicId && c.topic !== null ? { id: c.topicId, question: c.topic } : null,
    quantity: c.quantityAmount ? { amount: c.quantityAmount, unit: c.quantityUnit, text: c.quantity } : null,
    contested: c.review.reasons.map((r) => ({ kind: r.kind, label: r.label, detail: r.detail })),
    authorName: c.authorName,
    createdAt: iso(c.createdAt),
    version: c.version,
    anchors: c.anchors.map((a) => ({
      id: a.id,
      documentId: a.documentId,
      documentTitle: a.documentTitle,
      status: a.status,
      score: a.score,
      selector: [{ type: 'TextQuoteSelector' as const, exact: a.exact }, ...position(a.start, a.end)],
      pages: a.pages,
    })),
    evidenceCount: c.evidence.length,
    assessmentCount: c.assessments.length + c.hiddenAssessments,
  };
}

export function presentEvidence(e: EvidenceView, claimId: string): Out<typeof evidenceRep> {
  return {
    id: e.id,
    claimId,
    source: { id: e.sourceId, name: e.sourceName, reliability: e.reliability },
    stance: e.stance,
    credibility: e.credibility,
    rating: e.rating,
    quote: e.quote,
    locator: e.locator,
    note: e.note,
    accessedOn: e.accessedOn,
    version: e.version,
  };
}

type RatingHistory = {
  reliability: string;
  previous: string | null;
  reason: string;
  changedAt: Date;
  changedBy: string | null;
}[];

export function presentSource(s: SourceView & { history?: RatingHistory }): Out<typeof sourceRep> {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: s.url,
    description: s.description,
    reliability: s.reliability,
    reliabilityLabel: s.reliabilityLabel,
    evidenceCount: s.evidenceCount,
    version: s.version,
    ...(s.history
      ? {
          ratingHistory: s.history.map((h) => ({
            reliability: h.reliability,
            previous: h.previous,
            reason: h.reason,
            changedAt: iso(h.changedAt),
            changedBy: h.changedBy,
          })),
        }
      : {}),
  };
}

export function presentAssessment(a: AssessmentView, claimId: string): Out<typeof assessmentRep> {
  return {
    id: a.id,
    claimId,
    user: { id: a.userId, name: a.userName },
    mine: a.mine,
    likelihood: a.likelihood,
    confidence: a.confidence,
    label: a.label,
    rationale: a.rationale,
    updatedAt: iso(a.updatedAt),
    version: a.version,
  };
}

export function presentAssessments(c: ClaimRecord): Out<typeof assessmentsRep> {
  return {
    claimId: c.id,
    blind: c.blind,
    hiddenCount: c.hiddenAssessments,
    assessments: c.assessments.map((a) => presentAssessment(a, c.id)),
  };
}

/** Search results: each hit with its snippet as parts (the words found marked) and the app's link to it. */
export function presentSearch(
  workspaceId: string,
  { query, groups }: Awaited<ReturnType<typeof searchWorkspace>>,
): Out<typeof searchResultsRep> {
  return {
    query: formatSearchQuery(query),
    groups: groups.map((g) => ({
      kind: g.kind,
      more: g.more,
      results: g.hits.map((h) => ({
        kind: h.kind,
        documentId: h.documentId,
        claimId: h.claimId,
        sourceId: h.sourceId,
        evidenceId: h.evidenceId,
        commentId: h.commentId,
        start: h.start,
        end: h.end,
        context: h.context,
        snippet: snippetParts(h.snippet),
        createdAt: new Date(h.createdAt).toISOString(),
        url: hitHref(workspaceId, h),
      })),
    })),
  };
}
