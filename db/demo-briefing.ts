/**
 * The demo briefing: claims, sources, evidence and assessments on the demo brief, written by the
 * Warrant team, so that the first screen shows what Warrant is for. Figures disagree on purpose.
 * Each item is written through the ordinary data-layer function, in its own transaction.
 */
import {
  assessmentFieldsSchema,
  claimFieldsSchema,
  evidenceFieldsSchema,
  sourceFieldsSchema,
} from '@/lib/claims';
import type { ClaimKind, Confidence, Credibility, Likelihood, Stance } from '@/lib/scales';
import type { Store } from './store';
import type { Actor } from './queries/access';
import { saveMyAssessment } from './queries/assessments';
import { listClaimTypes } from './queries/claim-types';
import { createClaim } from './queries/claims';
import { addComment } from './queries/comments';
import { addEvidence } from './queries/evidence';
import { disputeClaim } from './queries/review';
import { createSource } from './queries/sources';

interface DemoClaim {
  quote: string;
  type: string;
  statement: string;
  kind: ClaimKind;
  amount?: string;
  unit?: string;
  topic?: string;
  tags?: string;
  evidence?: {
    source: string;
    stance: Stance;
    credibility: Credibility;
    quote?: string;
  }[];
  assessment?: { likelihood: Likelihood; confidence: Confidence; rationale: string };
  /** A comment in the claim's discussion (Markdown). */
  comment?: string;
  /** A dispute raised on the claim, with its reason. */
  dispute?: string;
}

const SOURCES = [
  {
    name: 'Sahel Wire',
    kind: 'outlet',
    reliability: 'B',
    description: 'Regional wire service (invented for the demo).',
  },
  {
    name: 'Weekly Review',
    kind: 'outlet',
    reliability: 'C',
    description: 'News weekly (invented for the demo).',
  },
  { name: 'Ministry of Justice statement', kind: 'official', reliability: 'B' },
  { name: 'Anonymous regional blog', kind: 'document', reliability: 'E' },
] as const;

const CLAIMS: DemoClaim[] = [
  {
    quote: 'released a large group of detainees',
    type: 'Prisoner release',
    statement: 'The authorities in Bamako released a large group of detainees in October 2020',
    kind: 'reported',
    tags: 'prisoners',
    evidence: [{ source: 'Sahel Wire', stance: 'supports', credibility: 1 }],
    assessment: {
      likelihood: 'almost_certain',
      confidence: 'high',
      rationale: 'Confirmed by every account.',
    },
  },
  {
    quote: '206',
    type: 'Prisoner release',
    statement: 'Mali released 206 prisoners',
    kind: 'reported',
    amount: '206',
    unit: 'persons',
    topic: 'How many prisoners were released?',
    tags: 'prisoners, count',
    evidence: [
      {
        source: 'Sahel Wire',
        stance: 'supports',
        credibility: 2,
        quote: 'most counts put the number at 206',
      },
      { source: 'Ministry of Justice statement', stance: 'contradicts', credibility: 3 },
    ],
    assessment: {
      likelihood: 'likely',
      confidence: 'moderate',
      rationale: 'Most counts agree; the ministry figure is lower.',
    },
  },
  {
    quote: 'one ministry figure was lower',
    type: 'Prisoner release',
    statement: 'Fewer than 206 prisoners were released, by the ministry’s count',
    kind: 'reported',
    amount: '180–200',
    unit: 'persons',
    topic: 'How many prisoners were released?',
    evidence: [{ source: 'Ministry of Justice statement', stance: 'supports', credibility: 3 }],
  },
  {
    quote: 'Sophie Pétronin, held since 2016, was freed in the same exchange.',
    type: 'Prisoner release',
    statement: 'Sophie Pétronin was freed in the exchange',
    kind: 'reported',
    tags: 'hostages',
    evidence: [{ source: 'Sahel Wire', stance: 'supports', credibility: 1 }],
  },
  {
    quote: 'Soumaïla Cissé',
    type: 'Prisoner release',
    statement: 'Soumaïla Cissé was released in the exchange',
    kind: 'reported',
    tags: 'hostages',
  },
  {
    quote: 'a ransom changed hands',
    type: 'Ransom',
    statement: 'A ransom was paid for the hostages',
    kind: 'reported',
    topic: 'Was a ransom paid?',
    evidence: [
      { source: 'Weekly Review', stance: 'supports', credibility: 3 },
      { source: 'Ministry of Justice statement', stance: 'contradicts', credibility: 4 },
    ],
    assessment: {
      likelihood: 'likely',
      confidence: 'low',
      rationale: 'Several outlets, no official confirmation.',
    },
  },
  {
    quote: '2.5 to 10 million euros',
    type: 'Ransom',
    statement: 'The ransom was 10 million euros',
    kind: 'reported',
    amount: '10,000,000',
    unit: 'EUR',
    topic: 'How much ransom was paid?',
    tags: 'ransom',
    evidence: [{ source: 'Weekly Review', stance: 'supports', credibility: 4 }],
    assessment: { likelihood: 'unlikely', confidence: 'low', rationale: 'One weekly, no second source.' },
    comment:
      'The weekly gives **no second source** for the €10M figure. Worth asking the desk whether anyone else reported it.',
  },
  {
    quote: 'from 2.5',
    type: 'Ransom',
    statement: 'The ransom was 2.5 million euros',
    kind: 'reported',
    amount: '2,500,000',
    unit: 'EUR',
    topic: 'How much ransom was paid?',
    tags: 'ransom',
    evidence: [{ source: 'Anonymous regional blog', stance: 'supports', credibility: 5 }],
  },
  {
    quote: 'the sums quoted ranged from 2.5 to 10 million euros',
    type: 'Ransom',
    statement: 'The reported ransom figures cannot all be right',
    kind: 'judgment',
    topic: 'How much ransom was paid?',
  },
  {
    quote: 'an intermediary in the talks worked for a foreign intelligence service',
    type: 'Foreign-state link',
    statement: 'An intermediary in the talks worked for a foreign intelligence service',
    kind: 'reported',
    tags: 'intermediaries',
    evidence: [{ source: 'Anonymous regional blog', stance: 'supports', credibility: 6 }],
    assessment: {
      likelihood: 'roughly_even_chance',
      confidence: 'low',
      rationale: 'Single, unreliable source; hard to verify.',
    },
    dispute: 'An anonymous blog is the only source, and it names no document or witness.',
  },
  {
    quote: 'Nobody who negotiated the deal has described it on the record.',
    type: 'Negotiation',
    statement: 'No negotiator has described the deal on the record',
    kind: 'judgment',
  },
  {
    quote: 'one outlet',
    type: 'Ransom',
    statement: 'Only one outlet reported the €10M figure',
    kind: 'assumption',
    topic: 'How much ransom was paid?',
  },
];

export async function seedDemoBriefing(
  store: Store,
  actor: Actor,
  workspaceId: string,
  documentId: string,
  revisionId: string,
  text: string,
) {
  const types = new Map((await listClaimTypes(store, { actor, workspaceId })).map((t) => [t.name, t.id]));
  const sourceIds = new Map<string, string>();
  for (const s of SOURCES) {
    const { sourceId } = await createSource(store, {
      actor,
      workspaceId,
      fields: sourceFieldsSchema.parse(s),
    });
    sourceIds.set(s.name, sourceId);
  }
  for (const c of CLAIMS) {
    const start = text.indexOf(c.quote);
    if (start < 0) throw new Error(`Demo quote not in the brief: ${c.quote}`);
    const fields = claimFieldsSchema.parse({
      statement: c.statement,
      typeId: types.get(c.type),
      kind: c.kind,
      tags: c.tags,
      amount: c.amount,
      unit: c.unit,
      topicQuestion: c.topic,
    });
    const { claimId } = await createClaim(store, {
      actor,
      passage: { documentId, revisionId, start, end: start + c.quote.length },
      fields,
    });
    for (const e of c.evidence ?? []) {
      await addEvidence(store, {
        actor,
        claimId,
        source: { id: sourceIds.get(e.source)! },
        fields: evidenceFieldsSchema.parse({
          stance: e.stance,
          credibility: String(e.credibility),
          quote: e.quote,
        }),
      });
    }
    if (c.assessment) {
      await saveMyAssessment(store, {
        actor,
        claimId,
        fields: assessmentFieldsSchema.parse(c.assessment),
        expectedVersion: null,
      });
    }
    if (c.comment) await addComment(store, { actor, claimId, body: c.comment });
    if (c.dispute) await disputeClaim(store, { actor, claimId, reason: c.dispute });
  }
  return { claims: CLAIMS.length, sources: SOURCES.length };
}
