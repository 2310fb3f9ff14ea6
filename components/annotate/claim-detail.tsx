'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ClaimDetail } from '@/db/queries/claim-views';
import { api } from './api';
import { AssessmentForm } from './assessment-form';
import { ClaimForm, claimFieldsBody, type ClaimFormValues } from './claim-form';
import { EvidenceEditForm } from './evidence-edit-form';
import { EvidenceForm } from './evidence-form';
import { WhereElse } from './where-else';
import { ClaimHistory } from '@/components/review/claim-history';
import { Discussion } from '@/components/review/discussion';
import { ReviewPanel } from '@/components/review/review-panel';
import { useLiveEvent } from '@/components/live/live-provider';
import { LikelihoodSpread } from '@/components/charts/likelihood-spread';
import { pageLabel } from '@/lib/documents/pages';

const anchorLabel = (a: { status: string; score: number }) =>
  a.status === 'fuzzy' ? `fuzzy (${a.score.toFixed(2)})` : a.status;

/**
 * The pages a new piece of evidence cites by default: those of the claim's passage in the document
 * being read (else its first passage with pages), as "p. 12" — empty for a source without pages.
 */
function passageLocator(passages: { documentId: string; pages: number[] }[], documentId: string | null) {
  const paged = passages.filter((p) => p.pages.length > 0);
  const here = paged.find((p) => p.documentId === documentId) ?? paged[0];
  return here ? pageLabel(here.pages) : '';
}

/** One claim in full: its passages, evidence and assessments, with the forms to change them. */
export function ClaimDetailView({
  claimId,
  workspaceId,
  documentId,
  types,
  topics,
  canWrite,
  onChanged,
  onClose,
  onGoTo,
  onReattach,
  asSource = null,
}: {
  claimId: string;
  workspaceId: string;
  /** The document being read (passages elsewhere link to their document), or null on a claim page. */
  documentId: string | null;
  types: { id: string; name: string }[];
  topics: { id: string; question: string }[];
  canWrite: boolean;
  onChanged: () => void;
  onClose: () => void;
  onGoTo: (claimId: string) => void;
  onReattach: (anchorId: string, quote: string) => void;
  /** The document being read, as a source to cite in one click (the reader only). */
  asSource?: { name: string; url: string | null } | null;
}) {
  const [claim, setClaim] = useState<ClaimDetail | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [mode, setMode] = useState<'view' | 'edit' | 'evidence'>('view');
  // The version an edit started from: a teammate's change arriving live must not slip under it.
  const [editBase, setEditBase] = useState<number | null>(null);
  const [editingEvidence, setEditingEvidence] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  // Just moved to the trash: the panel says so, with an Undo, until it is closed.
  const [trashed, setTrashed] = useState(false);

  const [generation, setGeneration] = useState(0);
  const load = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    let live = true;
    void api<ClaimDetail>('GET', `/api/claims/${claimId}`).then((res) => {
      if (!live) return;
      if (res.ok) setClaim(res.data);
      else setLoadError(res.error.message);
    });
    return () => {
      live = false;
    };
  }, [claimId, generation]);
  // A teammate changed this claim (evidence, an assessment, a decision): show the new state.
  useLiveEvent((event) => {
    if (event.type === 'claims' && event.claimIds.includes(claimId)) load();
  });

  const refresh = async (text?: string) => {
    load();
    onChanged();
    setMode('view');
    if (text) setNotice({ ok: true, text });
  };

  if (trashed) {
    return (
      <div className="space-y-3">
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800"
        >
          <span>Claim moved to the trash.</span>
          <Button
            size="sm"
            variant="secondary"
            onClick={async () => {
              const res = await api('POST', `/api/claims/${claimId}/restore`);
              if (!res.ok) return setNotice({ ok: false, text: res.error.message });
              setTrashed(false);
              setLoadError(undefined);
              await refresh('Claim restored.');
            }}
          >
            Undo
          </Button>
        </div>
        {notice && !notice.ok ? <FormMessage message={notice.text} /> : null}
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the claim">
          Close
        </Button>
      </div>
    );
  }
  if (loadError) return <FormMessage message={loadError} />;
  if (!claim) return <p className="text-sm text-slate-500">Loading the claim…</p>;

  const mine = claim.assessments.find((a) => a.mine) ?? null;
  const editValues: ClaimFormValues = {
    statement: claim.statement,
    typeId: claim.typeId,
    kind: claim.kind,
    tags: claim.tags.join(', '),
    amount: claim.quantityAmount ?? '',
    unit: claim.quantityUnit ?? '',
    topicQuestion: claim.topic ?? '',
  };

  return (
    <article aria-label={`Claim: ${claim.statement}`} className="space-y-4">
      <header className="flex items-start justify-between gap-2">
        <div>
          <span className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-600">
            <span
              aria-hidden
              className="inline-block h-2.5 w-2.5 rounded-full"
              style={{ backgroundColor: claim.color }}
            />
            {claim.typeName} · {claim.kindLabel} · {claim.status.replace('_', ' ')}
          </span>
          <h3 className="mt-1 text-base font-semibold text-slate-900">{claim.statement}</h3>
        </div>
        <Button
          size="sm"
          variant="ghost"
          onClick={onClose}
          aria-label="Close the claim"
          aria-keyshortcuts="Escape"
        >
          Close
        </Button>
      </header>
      {notice ? <FormMessage ok={notice.ok} message={notice.text} /> : null}
      <ReviewPanel
        claim={claim}
        onChanged={(text) => {
          load();
          onChanged();
          if (text) setNotice({ ok: true, text });
        }}
      />
      {mode === 'edit' ? (
        <ClaimForm
          label="Edit claim"
          initial={editValues}
          types={types}
          topics={topics}
          submitLabel="Save claim"
          onCancel={() => setMode('view')}
          onSubmit={async (values) => {
            const res = await api('PATCH', `/api/claims/${claim.id}`, {
              version: editBase ?? claim.version,
              fields: claimFieldsBody(values),
            });
            if (!res.ok) {
              // A stale copy: reload the claim (its newer version) and keep what the user typed;
              // a second try, made knowingly, goes against the newer version.
              if (res.error.status === 409) {
                load();
                const current = res.error.current?.version;
                if (typeof current === 'number') setEditBase(current);
              }
              return res.error;
            }
            await refresh('Claim saved.');
            return null;
          }}
        />
      ) : (
        <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-sm">
          {claim.quantity ? (
            <>
              <dt className="text-slate-500">Quantity</dt>
              <dd>{claim.quantity}</dd>
            </>
          ) : null}
          {claim.topic ? (
            <>
              <dt className="text-slate-500">Topic</dt>
              <dd>{claim.topic}</dd>
            </>
          ) : null}
          {claim.tags.length ? (
            <>
              <dt className="text-slate-500">Tags</dt>
              <dd>{claim.tags.join(', ')}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">By</dt>
          <dd>{claim.authorName ?? 'a former member'}</dd>
        </dl>
      )}
      {canWrite && mode === 'view' ? (
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              setEditBase(claim.version);
              setMode('edit');
            }}
          >
            Edit claim
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={async () => {
              const res = await api('DELETE', `/api/claims/${claim.id}`);
              if (!res.ok) setNotice({ ok: false, text: res.error.message });
              else {
                setNotice(undefined);
                setTrashed(true);
                onChanged();
              }
            }}
          >
            Move claim to trash
          </Button>
        </div>
      ) : null}

      <section aria-label="Passages" className="space-y-1">
        <h4 className="text-sm font-semibold">Passages</h4>
        <ul className="space-y-1 text-sm">
          {claim.anchors.map((a) => (
            <li key={a.id} className="rounded bg-slate-50 px-2 py-1">
              <span className="font-serif">“{a.exact}”</span>{' '}
              <span className="text-xs text-slate-500">
                {a.documentId === documentId ? (
                  ''
                ) : (
                  <>
                    in{' '}
                    <a
                      className="text-indigo-700 underline"
                      href={`/w/${workspaceId}/documents/${a.documentId}?claim=${claim.id}`}
                    >
                      {a.documentTitle}
                    </a>{' '}
                    ·{' '}
                  </>
                )}
                {a.pages.length > 0 ? `${pageLabel(a.pages)} · ` : ''}
                {anchorLabel(a)}
              </span>
              {a.documentId === documentId && a.status !== 'orphaned' ? (
                <button
                  type="button"
                  className="ml-2 text-xs text-indigo-700 underline"
                  onClick={() => onGoTo(claim.id)}
                >
                  Show in text
                </button>
              ) : null}
              {canWrite && a.documentId === documentId ? (
                <button
                  type="button"
                  className="ml-2 text-xs text-indigo-700 underline"
                  onClick={() => onReattach(a.id, a.exact)}
                >
                  Re-attach
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <WhereElse
        workspaceId={workspaceId}
        url={`/api/claims/${claim.id}/where-else`}
        claimId={claim.id}
        canWrite={canWrite}
        onAdded={() => {
          load();
          onChanged();
        }}
      />

      <section aria-label="Evidence" className="space-y-2">
        <h4 className="text-sm font-semibold">Evidence</h4>
        {claim.evidence.length === 0 ? (
          <p className="text-sm text-slate-500">No evidence linked yet.</p>
        ) : null}
        <ul className="space-y-2 text-sm">
          {claim.evidence.map((e) => (
            <li
              key={e.id}
              id={`evidence-${e.id}`}
              className="scroll-mt-24 rounded border border-slate-200 px-2 py-1.5 target:bg-amber-50 target:ring-2 target:ring-amber-400"
            >
              <span
                className="mr-2 rounded bg-slate-800 px-1.5 py-0.5 font-mono text-xs text-white"
                title="Source reliability and information credibility"
              >
                {e.rating}
              </span>
              <strong>{e.sourceName}</strong> <span className="text-slate-600">{e.stance}</span>
              {e.quote ? <span className="block font-serif text-slate-700">“{e.quote}”</span> : null}
              {e.locator || e.accessedOn ? (
                <span className="block text-xs text-slate-500">
                  {[e.locator, e.accessedOn && `accessed ${e.accessedOn}`].filter(Boolean).join(' · ')}
                </span>
              ) : null}
              {e.note ? <span className="block text-xs text-slate-600">{e.note}</span> : null}
              {canWrite && editingEvidence === e.id ? (
                <EvidenceEditForm
                  evidence={e}
                  onConflict={load}
                  onCancel={() => setEditingEvidence(null)}
                  onSaved={async () => {
                    setEditingEvidence(null);
                    await refresh('Evidence saved.');
                  }}
                />
              ) : null}
              {canWrite && editingEvidence !== e.id ? (
                <button
                  type="button"
                  className="mt-1 mr-3 text-xs text-slate-600 underline"
                  aria-label={`Edit evidence from ${e.sourceName}`}
                  onClick={() => setEditingEvidence(e.id)}
                >
                  Edit
                </button>
              ) : null}
              {canWrite ? (
                <button
                  type="button"
                  className="mt-1 text-xs text-slate-600 underline"
                  aria-label={`Remove evidence from ${e.sourceName}`}
                  onClick={async () => {
                    const res = await api('DELETE', `/api/evidence/${e.id}`);
                    if (res.ok) await refresh('Evidence moved to the trash.');
                    else setNotice({ ok: false, text: res.error.message });
                  }}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {canWrite && mode === 'evidence' ? (
          <EvidenceForm
            workspaceId={workspaceId}
            claimId={claim.id}
            asSource={asSource}
            locator={passageLocator(claim.anchors, documentId)}
            onSaved={() => refresh('Evidence added.')}
            onCancel={() => setMode('view')}
          />
        ) : canWrite && mode === 'view' ? (
          <Button size="sm" variant="secondary" onClick={() => setMode('evidence')}>
            Add evidence
          </Button>
        ) : null}
      </section>

      <section aria-label="Assessments" className="space-y-2">
        <h4 className="text-sm font-semibold">Assessments</h4>
        <ul className="space-y-1 text-sm">
          {claim.assessments.map((a) => (
            <li key={a.id}>
              <strong>{a.mine ? 'You' : a.userName}:</strong> {a.label}
              <span className="block text-xs text-slate-600">{a.rationale}</span>
            </li>
          ))}
        </ul>
        {claim.hiddenAssessments > 0 ? (
          <p role="note" className="rounded bg-slate-50 px-2 py-1 text-xs text-slate-700">
            {claim.hiddenAssessments === 1
              ? '1 other assessment is hidden'
              : `${claim.hiddenAssessments} other assessments are hidden`}{' '}
            until you record yours (blind assessments).
          </p>
        ) : null}
        <LikelihoodSpread
          marks={claim.assessments.map((a) => ({
            id: a.id,
            name: a.mine ? 'You' : a.userName,
            likelihood: a.likelihood,
            confidence: a.confidence,
          }))}
        />
        {canWrite ? <AssessmentForm claimId={claim.id} mine={mine} onSaved={() => void load()} /> : null}
      </section>

      <Discussion claimId={claim.id} canComment={claim.review.can.comment} />
      <ClaimHistory claimId={claim.id} version={claim.version} />
    </article>
  );
}
