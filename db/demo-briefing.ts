/**
 * The demo briefing: claims, sources, evidence and assessments on the demo brief and the desk
 * note, written by the Warrant team, so that the first screen shows what Warrant is for. Figures
 * disagree on purpose. Each item is written through the ordinary data-layer function, in its own
 * transaction, by the member who would have written it (the content account, or one of the demo
 * analysts of ./demo-team.ts): the contested reasons, the agreement and the ACH matrix are then
 * what the app's own rules make of it, never written by hand.
 *
 * What the demo shows under blind assessments. The owner's account (the demo content account,
 * whose assessments go to the first administrator with the workspace, see
 * ./queries/administrators.ts `handDemoWorkspacesTo`) assesses some claims and not others, on
 * purpose:
 * - on the claims it assessed, the analysts' assessments are visible to the owner, so the
 *   Agreement page has a real Krippendorff alpha over them, and "analysts disagree" names who said
 *   what (the €10M ransom);
 * - on the claims only analysts assessed (Pétronin, the €2.5M, €400,000, $12M and CFA figures),
 *   they stay hidden until the owner records their own: the demo shows blind assessments at work
 *   ("2 other assessments are hidden until you record yours"), including a hidden disagreement in
 *   the review queue (the $12M claim).
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
import type { DemoAnalyst } from './demo-team';
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
  /** The owner's (the content account's) assessment. */
  assessment?: DemoAssessment;
  /** The demo analysts' assessments (blind: each records theirs without seeing the others'). */
  team?: Partial<Record<DemoAnalyst, DemoAssessment>>;
  /** The analyst who made the claim and its evidence (default: the content account). */
  by?: DemoAnalyst;
  /** A comment in the claim's discussion (Markdown). */
  comment?: string;
  /** A dispute an analyst raised on the claim, with its reason. */
  dispute?: { by: DemoAnalyst; reason: string };
}

interface DemoAssessment {
  likelihood: Likelihood;
  confidence: Confidence;
  rationale: string;
}

/** One document of the demo with its claims (quotes are found in the document's canonical text). */
export interface DemoDocument {
  documentId: string;
  revisionId: string;
  text: string;
  claims: DemoClaim[];
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
  {
    name: 'River Bend FM',
    kind: 'outlet',
    reliability: 'D',
    description: 'Local radio station (invented for the demo).',
  },
  {
    name: 'Continental Wire',
    kind: 'outlet',
    reliability: 'C',
    description: 'International wire service (invented for the demo).',
  },
] as const;

export const BRIEF_CLAIMS: DemoClaim[] = [
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
    team: {
      mariam: {
        likelihood: 'almost_certain',
        confidence: 'high',
        rationale: 'Filmed arrivals and official lists.',
      },
      tomas: {
        likelihood: 'very_likely',
        confidence: 'high',
        rationale: 'Every outlet reports it; no list seen yet.',
      },
      nadia: {
        likelihood: 'almost_certain',
        confidence: 'moderate',
        rationale: 'Reported everywhere, though mostly from one wire.',
      },
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
    team: {
      mariam: { likelihood: 'likely', confidence: 'moderate', rationale: 'Two outlets agree on 206.' },
      tomas: {
        likelihood: 'very_likely',
        confidence: 'moderate',
        rationale: 'The wire names the figure twice, in two dispatches.',
      },
      nadia: { likelihood: 'likely', confidence: 'low', rationale: 'Nobody has published the list itself.' },
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
    team: {
      mariam: {
        likelihood: 'almost_certain',
        confidence: 'high',
        rationale: 'She spoke to reporters on arrival.',
      },
      nadia: { likelihood: 'very_likely', confidence: 'high', rationale: 'Photographed at the airport.' },
    },
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
    team: {
      mariam: {
        likelihood: 'likely',
        confidence: 'moderate',
        rationale: 'Releases of this kind rarely come without one.',
      },
      tomas: {
        likelihood: 'roughly_even_chance',
        confidence: 'low',
        rationale: 'Only outlets, and they disagree.',
      },
      nadia: { likelihood: 'likely', confidence: 'moderate', rationale: 'Several outlets, independently.' },
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
    evidence: [
      { source: 'Weekly Review', stance: 'supports', credibility: 4 },
      {
        source: 'Sahel Wire',
        stance: 'contradicts',
        credibility: 3,
        quote: 'sources close to the talks spoke of a far smaller sum',
      },
    ],
    assessment: { likelihood: 'unlikely', confidence: 'low', rationale: 'One weekly, no second source.' },
    team: {
      mariam: { likelihood: 'unlikely', confidence: 'moderate', rationale: 'The wire contradicts it.' },
      tomas: {
        likelihood: 'likely',
        confidence: 'high',
        rationale: 'The weekly’s reporter covered the earlier exchanges accurately.',
      },
      nadia: {
        likelihood: 'very_unlikely',
        confidence: 'moderate',
        rationale: 'Far above what was paid in comparable cases.',
      },
    },
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
    evidence: [
      { source: 'Anonymous regional blog', stance: 'supports', credibility: 5 },
      { source: 'Sahel Wire', stance: 'supports', credibility: 3 },
    ],
    team: {
      mariam: {
        likelihood: 'roughly_even_chance',
        confidence: 'moderate',
        rationale: 'The wire backs it, the blog adds nothing.',
      },
      tomas: { likelihood: 'roughly_even_chance', confidence: 'low', rationale: 'Plausible, unsourced.' },
      nadia: { likelihood: 'likely', confidence: 'moderate', rationale: 'In line with comparable cases.' },
    },
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
    team: {
      mariam: { likelihood: 'unlikely', confidence: 'moderate', rationale: 'No document, no witness.' },
      tomas: {
        likelihood: 'roughly_even_chance',
        confidence: 'low',
        rationale: 'Such links are common, and this one is unproven.',
      },
      nadia: { likelihood: 'unlikely', confidence: 'moderate', rationale: 'The blog has been wrong before.' },
    },
    dispute: {
      by: 'mariam',
      reason: 'An anonymous blog is the only source, and it names no document or witness.',
    },
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

/** The claims on the desk note (./demo-desk-note.ts), made by the analysts. */
export const DESK_NOTE_CLAIMS: DemoClaim[] = [
  {
    quote: '400,000 euros',
    by: 'nadia',
    type: 'Ransom',
    statement: 'The ransom was 400,000 euros',
    kind: 'reported',
    amount: '400,000',
    unit: 'EUR',
    topic: 'How much ransom was paid?',
    tags: 'ransom',
    evidence: [
      { source: 'River Bend FM', stance: 'supports', credibility: 4 },
      { source: 'Weekly Review', stance: 'contradicts', credibility: 4 },
    ],
    team: {
      nadia: {
        likelihood: 'roughly_even_chance',
        confidence: 'low',
        rationale: 'A local station, close to the families.',
      },
      mariam: {
        likelihood: 'unlikely',
        confidence: 'moderate',
        rationale: 'Perhaps one instalment, not the whole sum.',
      },
    },
  },
  {
    quote: '12 million US dollars',
    by: 'tomas',
    type: 'Ransom',
    statement: 'The ransom was 12 million US dollars',
    kind: 'reported',
    amount: '12,000,000',
    unit: 'USD',
    topic: 'How much ransom was paid?',
    tags: 'ransom',
    evidence: [
      { source: 'Continental Wire', stance: 'supports', credibility: 3 },
      { source: 'Ministry of Justice statement', stance: 'contradicts', credibility: 4 },
    ],
    team: {
      tomas: {
        likelihood: 'likely',
        confidence: 'moderate',
        rationale: 'Close to the €10M figure, from another desk.',
      },
      nadia: {
        likelihood: 'unlikely',
        confidence: 'moderate',
        rationale: 'The wire names no source at all.',
      },
    },
  },
  {
    quote: '6 billion CFA francs',
    by: 'mariam',
    type: 'Ransom',
    statement: '6 billion CFA francs were set aside for the ransom',
    kind: 'reported',
    amount: '6,000,000,000',
    unit: 'XOF',
    topic: 'How much ransom was paid?',
    tags: 'ransom',
    evidence: [{ source: 'Continental Wire', stance: 'mentions', credibility: 6 }],
    team: {
      mariam: { likelihood: 'roughly_even_chance', confidence: 'low', rationale: 'Set aside is not paid.' },
    },
  },
  {
    quote: 'None of these outlets has shown a document that records a payment.',
    by: 'mariam',
    type: 'Ransom',
    statement: 'No outlet has shown a document that records a payment',
    kind: 'judgment',
    topic: 'Was a ransom paid?',
    evidence: [
      { source: 'Ministry of Justice statement', stance: 'supports', credibility: 3 },
      { source: 'Weekly Review', stance: 'qualifies', credibility: 3 },
    ],
    assessment: {
      likelihood: 'likely',
      confidence: 'moderate',
      rationale: 'Nothing of the kind has appeared.',
    },
    team: {
      mariam: {
        likelihood: 'very_likely',
        confidence: 'moderate',
        rationale: 'We looked; nothing was published.',
      },
      tomas: {
        likelihood: 'very_likely',
        confidence: 'high',
        rationale: 'Checked every outlet on the list.',
      },
      nadia: {
        likelihood: 'likely',
        confidence: 'moderate',
        rationale: 'Something may circulate privately.',
      },
    },
  },
];

export async function seedDemoBriefing(
  store: Store,
  {
    owner,
    team,
    workspaceId,
    documents,
  }: {
    /** the content account, the workspace's owner until it is handed over */
    owner: Actor;
    team: Record<DemoAnalyst, Actor>;
    workspaceId: string;
    documents: DemoDocument[];
  },
) {
  const types = new Map(
    (await listClaimTypes(store, { actor: owner, workspaceId })).map((t) => [t.name, t.id]),
  );
  const sourceIds = new Map<string, string>();
  for (const s of SOURCES) {
    const { sourceId } = await createSource(store, {
      actor: owner,
      workspaceId,
      fields: sourceFieldsSchema.parse(s),
    });
    sourceIds.set(s.name, sourceId);
  }
  let count = 0;
  for (const { documentId, revisionId, text, claims } of documents) {
    for (const c of claims) {
      const actor = c.by ? team[c.by] : owner;
      const start = text.indexOf(c.quote);
      if (start < 0) throw new Error(`Demo quote not in its document: ${c.quote}`);
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
      const assessors: [Actor, DemoAssessment][] = [
        ...(c.assessment ? [[owner, c.assessment] as [Actor, DemoAssessment]] : []),
        ...Object.entries(c.team ?? {}).map(
          ([key, a]) => [team[key as DemoAnalyst], a] as [Actor, DemoAssessment],
        ),
      ];
      for (const [assessor, a] of assessors) {
        await saveMyAssessment(store, {
          actor: assessor,
          claimId,
          fields: assessmentFieldsSchema.parse(a),
          expectedVersion: null,
        });
      }
      if (c.comment) await addComment(store, { actor, claimId, body: c.comment });
      if (c.dispute) {
        await disputeClaim(store, { actor: team[c.dispute.by], claimId, reason: c.dispute.reason });
      }
      count++;
    }
  }
  return { claims: count, sources: SOURCES.length };
}
