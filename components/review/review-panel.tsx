'use client';

import { useState } from 'react';
import { api } from '@/components/annotate/api';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ClaimDetail } from '@/db/queries/claim-views';
import { CONFIDENCES, LIKELIHOODS } from '@/lib/scales';
import {
  ADJUDICATION_OUTCOMES,
  CLAIM_STATUS_LABELS,
  type AdjudicationOutcome,
  type ClaimStatus,
} from '@/lib/vocabulary';

const statusWord = (status: string) => {
  const word = CLAIM_STATUS_LABELS[status as ClaimStatus] ?? status;
  return word.charAt(0).toUpperCase() + word.slice(1);
};

/** The choice each outcome stands for, in the adjudication form. */
const OUTCOME_CHOICES: Record<AdjudicationOutcome, string> = {
  accepted: 'Accept',
  rejected: 'Reject',
  disputed: 'Keep disputed',
};

const dateTime = (d: Date | string) =>
  new Date(d).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

const FIELD = 'w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';

/** A reviewer's own stake in the claim, in words: for the decision shown, or for the viewer. */
function stakeWords(stake: readonly string[], who: 'decider' | 'you'): string {
  const wrote = stake.includes('author');
  const disputed = stake.includes('disputant');
  if (!wrote && !disputed) return '';
  if (who === 'decider') {
    return wrote && disputed
      ? ', who wrote this claim and had disputed it'
      : wrote
        ? ', who wrote this claim'
        : ', who had disputed this claim';
  }
  return wrote && disputed
    ? 'You wrote this claim and disputed it.'
    : wrote
      ? 'You wrote this claim.'
      : 'You disputed this claim.';
}

/** The claim's review: status, why it is contested, the decision, disputes, reviewer and actions. */
export function ReviewPanel({
  claim,
  onChanged,
}: {
  claim: ClaimDetail;
  onChanged: (notice?: string) => void;
}) {
  const { review } = claim;
  const [mode, setMode] = useState<'view' | 'dispute' | 'adjudicate'>('view');
  const [error, setError] = useState<string>();

  /** Sends a review action; false when refused ('conflict' when the claim changed meanwhile). */
  const call = async (method: string, url: string, body?: unknown, notice?: string) => {
    setError(undefined);
    const res = await api(method, url, body);
    if (!res.ok) {
      setError(res.error.message);
      if (res.error.status === 409) {
        onChanged();
        return 'conflict' as const;
      }
      return false;
    }
    setMode('view');
    onChanged(notice);
    return true;
  };

  return (
    <section aria-label="Review" className="space-y-2 rounded-md border border-slate-200 p-3">
      <h4 className="flex items-center justify-between text-sm font-semibold">
        Review
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
          {statusWord(claim.status)}
        </span>
      </h4>
      {review.alternativeOf ? (
        <p className="text-sm text-slate-700">
          Kept as an alternative to “{review.alternativeOf.statement}”.
        </p>
      ) : null}
      {review.reasons.length ? (
        <div role="group" aria-label="Why this claim is contested" className="space-y-1">
          <p className="text-xs font-medium tracking-wide text-amber-800 uppercase">Contested</p>
          <ul className="space-y-1 text-sm">
            {review.reasons.map((r, i) => (
              <li key={i} className="rounded bg-amber-50 px-2 py-1 text-amber-950">
                <strong>{r.label}:</strong> {r.detail}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {review.decision ? (
        <div
          role="group"
          aria-label={review.decision.current ? 'Decision' : 'Earlier decision'}
          className={`rounded px-2 py-1.5 text-sm ${review.decision.current ? 'bg-slate-50' : 'border border-dashed border-slate-300 text-slate-600'}`}
        >
          {review.decision.current ? null : (
            <p className="text-xs font-medium text-slate-600">
              Earlier decision: the claim changed since, and awaits a new one.
            </p>
          )}
          <p>
            <strong>{review.decision.label}</strong> by {review.decision.decidedByName ?? 'a former member'}{' '}
            on {dateTime(review.decision.decidedAt)}
            {stakeWords(review.decision.stake, 'decider')}
          </p>
          <p className="text-slate-700">{review.decision.rationale}</p>
          {review.decision.judgment ? (
            <p className="text-slate-700">
              <span className="font-medium">Team’s judgment:</span> {review.decision.judgment}
            </p>
          ) : null}
        </div>
      ) : null}
      {review.disputes.length ? (
        <ul aria-label="Open disputes" className="space-y-1 text-sm">
          {review.disputes.map((d) => (
            <li key={d.id}>
              <strong>{d.userName}</strong> disputes this: {d.reason}
            </li>
          ))}
        </ul>
      ) : null}

      <div className="flex flex-wrap items-center gap-2 text-sm">
        {review.can.assign ? (
          <label className="flex items-center gap-1.5">
            <span className="text-slate-600">Reviewer</span>
            <select
              className="rounded border border-slate-300 bg-white px-1.5 py-1 text-sm"
              value={review.reviewer?.id ?? ''}
              onChange={(e) =>
                void call(
                  'PUT',
                  `/api/claims/${claim.id}/reviewer`,
                  { reviewerId: e.target.value || null },
                  'Reviewer assigned.',
                )
              }
            >
              <option value="">Nobody yet</option>
              {review.reviewers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ) : review.reviewer ? (
          <span className="text-slate-600">Reviewer: {review.reviewer.name}</span>
        ) : null}
      </div>

      {mode === 'view' ? (
        <div className="flex flex-wrap gap-2">
          {review.can.submit ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={() =>
                void call('POST', `/api/claims/${claim.id}/review`, undefined, 'Submitted for review.')
              }
            >
              Submit for review
            </Button>
          ) : null}
          {review.can.comment ? (
            <Button size="sm" variant="secondary" onClick={() => setMode('dispute')}>
              Dispute
            </Button>
          ) : null}
          {review.can.adjudicate ? (
            <Button size="sm" onClick={() => setMode('adjudicate')}>
              Adjudicate
            </Button>
          ) : null}
        </div>
      ) : mode === 'dispute' ? (
        <DisputeForm
          onCancel={() => setMode('view')}
          onSubmit={(reason) =>
            call('POST', `/api/claims/${claim.id}/disputes`, { reason }, 'Dispute recorded.')
          }
        />
      ) : (
        <AdjudicateForm
          claim={claim}
          onCancel={() => setMode('view')}
          onSubmit={(body) => call('POST', `/api/claims/${claim.id}/decision`, body, 'Decision recorded.')}
          onProblem={setError}
        />
      )}
      <FormMessage message={error} />
    </section>
  );
}

function DisputeForm({
  onSubmit,
  onCancel,
}: {
  onSubmit: (reason: string) => Promise<boolean | 'conflict'>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label="Dispute the claim"
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        await onSubmit(reason);
        setBusy(false);
      }}
    >
      <label className="block text-sm">
        <span className="text-slate-700">Why do you dispute it?</span>
        <textarea className={FIELD} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="flex gap-2">
        <Button size="sm" type="submit" disabled={busy}>
          Record dispute
        </Button>
        <Button size="sm" variant="secondary" type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function AdjudicateForm({
  claim,
  onSubmit,
  onCancel,
  onProblem,
}: {
  claim: ClaimDetail;
  onSubmit: (body: unknown) => Promise<boolean | 'conflict'>;
  onCancel: () => void;
  /** Shows what keeps the form from being sent, where the panel shows the server's refusals. */
  onProblem: (message: string | undefined) => void;
}) {
  const [outcome, setOutcome] = useState('');
  const [rationale, setRationale] = useState('');
  const [preferred, setPreferred] = useState('');
  const [likelihood, setLikelihood] = useState('');
  const [confidence, setConfidence] = useState('');
  const [busy, setBusy] = useState(false);
  // The picture the reviewer decides on, pinned when the form opened: a change arriving live
  // (evidence, an assessment, an edit) makes the server refuse the decision, never slip under it.
  const pin = () => ({
    version: claim.review.reviewVersion,
    topicVersions: Object.fromEntries(claim.review.topicClaims.map((c) => [c.id, c.reviewVersion])),
  });
  const [seen, setSeen] = useState(pin);
  // After a refusal the claim reloads with the message on screen: the next try is made knowingly,
  // on the version now shown.
  const [repin, setRepin] = useState(false);
  if (repin && JSON.stringify(pin()) !== JSON.stringify(seen)) {
    setSeen(pin());
    setRepin(false);
  }
  const competing = claim.review.topicClaims;
  const moved = claim.review.reviewVersion !== seen.version;
  // A decision that settles the claim (accepts or rejects it, or prefers a claim of its topic)
  // records the team's judgment of the claim it settles; a claim kept disputed has none yet.
  const settles = outcome === 'accepted' || outcome === 'rejected' || (outcome !== '' && preferred !== '');
  const judged = preferred && preferred !== claim.id ? 'the preferred claim' : 'this claim';
  return (
    <form
      aria-label="Adjudicate the claim"
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (settles && (!likelihood || !confidence)) {
          onProblem(`Record the team’s likelihood and confidence that ${judged} is true.`);
          return;
        }
        setBusy(true);
        const result = await onSubmit({
          outcome: outcome || undefined,
          rationale,
          preferredClaimId: preferred || null,
          ...(settles ? { likelihood, confidence } : {}),
          version: seen.version,
          topicVersions: seen.topicVersions,
        });
        if (result === 'conflict') setRepin(true);
        setBusy(false);
      }}
    >
      {moved ? (
        <p role="note" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
          This claim changed while you were deciding. Check the change above; recording will ask you to decide
          again on the new version.
        </p>
      ) : null}
      {claim.review.myStake.length ? (
        <p role="note" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
          {stakeWords(claim.review.myStake, 'you')} Your decision will say so, here and in the claim’s
          history; a reviewer without a stake in it may be a better judge.
        </p>
      ) : null}
      <fieldset className="space-y-1 text-sm">
        <legend className="text-slate-700">Decision</legend>
        {ADJUDICATION_OUTCOMES.map((o) => (
          <label key={o} className="mr-3 inline-flex items-center gap-1">
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            {OUTCOME_CHOICES[o]}
          </label>
        ))}
      </fieldset>
      {competing.length ? (
        <label className="block text-sm">
          <span className="text-slate-700">Preferred claim on “{claim.topic}”</span>
          <select className={FIELD} value={preferred} onChange={(e) => setPreferred(e.target.value)}>
            <option value="">No preference</option>
            {competing.map((c) => (
              <option key={c.id} value={c.id}>
                {c.statement} ({c.quantity})
              </option>
            ))}
          </select>
          <span className="text-xs text-slate-500">
            The preferred claim is accepted; the topic’s claims whose values differ from it are kept as its
            alternatives (those with the same value agree with it).
          </span>
        </label>
      ) : null}
      <label className="block text-sm">
        <span className="text-slate-700">Rationale</span>
        <textarea
          className={FIELD}
          rows={3}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
        />
      </label>
      {settles ? (
        <fieldset className="space-y-1">
          <legend className="text-sm text-slate-700">
            The team’s judgment of {judged} (ICD 203: likelihood and confidence, kept apart)
          </legend>
          {/* Nothing pre-selected, as in the assessment form: the reviewer chooses both. */}
          <div className="grid grid-cols-2 gap-2">
            <SelectField
              label="Team’s likelihood"
              value={likelihood}
              onChange={(e) => setLikelihood(e.target.value)}
              options={[
                { value: '', label: 'Choose a likelihood…' },
                ...LIKELIHOODS.map((l) => ({ value: l.key, label: `${l.label} (${l.range})` })),
              ]}
            />
            <SelectField
              label="Team’s confidence"
              value={confidence}
              onChange={(e) => setConfidence(e.target.value)}
              options={[
                { value: '', label: 'Choose a confidence…' },
                ...CONFIDENCES.map((c) => ({ value: c, label: c })),
              ]}
            />
          </div>
        </fieldset>
      ) : null}
      <div className="flex gap-2">
        <Button size="sm" type="submit" disabled={busy}>
          Record decision
        </Button>
        <Button size="sm" variant="secondary" type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
