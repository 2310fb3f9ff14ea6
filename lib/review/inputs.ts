/** Review input: the fields of the review forms, validated the same way by forms and the API. */
import { z } from 'zod';
import { CONFIDENCES, LIKELIHOOD_KEYS } from '../scales';
import { ADJUDICATION_OUTCOMES, type DecisionOutcome } from '../vocabulary';
import { CONTESTED_REASON_KINDS } from './contested';

export { ADJUDICATION_OUTCOMES, type AdjudicationOutcome } from '../vocabulary';

export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  disputed: 'Disputed',
  alternative: 'Alternative',
};

const id = z.string().trim().min(1).max(100);

export const adjudicationSchema = z
  .object({
    outcome: z.enum(ADJUDICATION_OUTCOMES, { error: 'Choose accepted, rejected or disputed.' }),
    rationale: z
      .string({ error: 'Write the rationale for this decision.' })
      .trim()
      .min(1, 'Write the rationale for this decision.')
      .max(5000, 'Keep the rationale under 5,000 characters.'),
    /** For a topic with competing values: the claim to prefer (the others become alternatives). */
    preferredClaimId: id.nullish().transform((v) => v ?? null),
    /**
     * The team's judgment, recorded with the decision: how likely the claim the decision accepts
     * (the preferred one, if any) or rejects is true, and with what confidence. Both or neither;
     * not with "keep disputed" (there is no settled judgment yet).
     */
    likelihood: z
      .enum(LIKELIHOOD_KEYS, { error: 'Choose a likelihood from the scale.' })
      .nullish()
      .transform((v) => v ?? null),
    confidence: z
      .enum(CONFIDENCES, { error: 'Choose low, moderate or high confidence.' })
      .nullish()
      .transform((v) => v ?? null),
    /** The claim's review version as the reviewer saw it. */
    version: z.number({ error: 'The claim’s version is missing; reload the page.' }).int().min(1),
    /** With a preferred claim: the review versions of the topic's claims as the reviewer saw them. */
    topicVersions: z.record(z.string().max(100), z.number().int().min(1)).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.likelihood === null) !== (v.confidence === null)) {
      const field = v.likelihood === null ? 'likelihood' : 'confidence';
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `Record the team's ${field} too: a judgment needs both.`,
      });
    }
    if (v.likelihood !== null && v.outcome === 'disputed' && !v.preferredClaimId) {
      ctx.addIssue({
        code: 'custom',
        path: ['likelihood'],
        message: "A claim kept disputed has no settled judgment yet: leave the team's judgment empty.",
      });
    }
  });
export type AdjudicationInput = z.output<typeof adjudicationSchema>;

export const disputeSchema = z.object({
  reason: z
    .string({ error: 'Say why you dispute this claim.' })
    .trim()
    .min(1, 'Say why you dispute this claim.')
    .max(2000, 'Keep the reason under 2,000 characters.'),
});

export const assignSchema = z.object({ reviewerId: id.nullable() });

export const queueFiltersSchema = z.object({
  type: id.optional().catch(undefined),
  topic: id.optional().catch(undefined),
  document: id.optional().catch(undefined),
  reason: z
    .enum([...CONTESTED_REASON_KINDS, 'in_review'])
    .optional()
    .catch(undefined),
  /** A member's id, "none" (unassigned) or "me". */
  assignee: id.optional().catch(undefined),
});
export type QueueFilters = z.output<typeof queueFiltersSchema>;
