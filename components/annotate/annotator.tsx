'use client';

import { useRouter } from 'next/navigation';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { DocumentReader } from '@/components/documents/document-reader';
import { useLiveDocument, useLiveEvent } from '@/components/live/live-provider';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { spansAt } from '@/lib/anchoring/overlaps';
import type { OutlineEntry } from '@/lib/documents/outline';
import type { TextView } from '@/lib/documents/text-view';
import {
  decodeReaderClaims,
  ReaderClaimsFormatError,
  topicMarks,
  type ReaderClaim,
  type TopicMark,
} from '@/lib/reader-claims';
import { api, type ApiResult } from './api';
import { ClaimDetailView } from './claim-detail';
import { ClaimForm, claimFieldsBody, emptyClaimValues } from './claim-form';
import { ClaimList, MarkSwatch, OrphanedPassages, statusTitle } from './claim-list';
import { FindBar } from './find-bar';
import { WhereElse } from './where-else';
import {
  flash,
  followViewport,
  highlightCss,
  paintActive,
  paintFound,
  paintPassages,
  stopPainting,
  type PaintedPassage,
} from './highlighter';
import { SelectionMenu, selectionTooLong, type Selection } from './selection-menu';

type Panel =
  | { mode: 'list' }
  | { mode: 'new'; selection: Selection }
  | { mode: 'claim'; claimId: string }
  | { mode: 'appearance'; selection: Selection }
  | { mode: 'where-else'; selection: Selection };

/** A claim under the pointer (or at the passage reached with ] and [), as the hover card shows it. */
interface HoverLine {
  id: string;
  statement: string;
  status: string;
  mark: TopicMark | undefined;
  /** Its passage here is a close match (placed approximately after a revision). */
  fuzzy: boolean;
  contested: boolean;
}

/** The hover card's lines in words (for the live region that the keyboard's ] and [ fill). */
const hoverWords = (lines: HoverLine[]) =>
  lines
    .map(
      (l) =>
        `${l.mark ? `Claim ${l.mark.letter} of its topic: ` : ''}${l.statement} (${statusTitle(l.status).toLowerCase()}${l.contested ? ', contested' : ''}${l.fuzzy ? ', close match' : ''})`,
    )
    .join('; ');

export interface AnnotatorProps {
  workspaceId: string;
  documentId: string;
  revisionId: string;
  title: string;
  /** Where the revision's text is (components/documents/document-reader.tsx). */
  textUrl: string;
  starts: number[];
  outline: OutlineEntry[];
  types: { id: string; name: string; color: string }[];
  topics: { id: string; question: string }[];
  canWrite: boolean;
  /** The signed-in member (presence lists the others). */
  userId: string;
  /** A claim to open when the page loads (links from the review queue and notifications). */
  initialClaimId?: string | null;
  /** A passage to show when the page loads (a search result): scrolled to, flashed and marked. */
  foundPassage?: { start: number; end: number } | null;
  /** The document as a source (its outlet, else its title, and its URL): offered in one click as evidence. */
  asSource?: { name: string; url: string | null } | null;
}

const claimsUrl = (documentId: string) => `/api/documents/${documentId}/claims`;
/** The first load takes the answer the page preloaded (a Link header: lib/reader-preload.ts). */
const fetchClaims = async (
  documentId: string,
  { preloaded = false } = {},
): Promise<ApiResult<{ claims: ReaderClaim[] }>> => {
  const res = await api<unknown>('GET', claimsUrl(documentId), undefined, preloaded ? {} : undefined);
  if (!res.ok) return res;
  try {
    return { ok: true, data: { claims: decodeReaderClaims(res.data) } };
  } catch (error) {
    const message =
      error instanceof ReaderClaimsFormatError
        ? error.message
        : 'The claims could not be read. Reload the page.';
    return { ok: false, error: { message, status: 0 } };
  }
};

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable
    ? el.getAttribute('contenteditable') === 'true'
    : /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/** The reader with claims: highlights, selection menu, hover card, claim panel and keyboard. */
export function Annotator(props: AnnotatorProps) {
  const {
    workspaceId,
    documentId,
    revisionId,
    title,
    textUrl,
    starts,
    outline,
    types,
    topics,
    canWrite,
    userId,
  } = props;
  const router = useRouter();
  const [view, setView] = useState<TextView | null>(null);
  const [editing, setEditing] = useState(false);
  const [panel, setPanel] = useState<Panel>(
    props.initialClaimId ? { mode: 'claim', claimId: props.initialClaimId } : { mode: 'list' },
  );
  const [viewers, setViewers] = useState<{ userId: string; name: string }[]>([]);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [reattach, setReattach] = useState<{ anchorId: string; quote: string } | null>(null);
  const [hover, setHover] = useState<{ left: number; top: number; lines: HoverLine[] } | null>(null);
  /** What ] and [ reached, read out (the hover card, for the keyboard). */
  const [stepped, setStepped] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [found, setFound] = useState(props.foundPassage ?? null);
  const [finding, setFinding] = useState(false);
  const [findMarks, setFindMarks] = useState<{
    all: { start: number; end: number }[];
    current: { start: number; end: number } | null;
  }>({ all: [], current: null });
  const onFindMatches = useCallback(
    (all: { start: number; end: number }[], current: { start: number; end: number } | null) =>
      setFindMarks({ all, current }),
    [],
  );
  const frame = useRef<HTMLDivElement>(null);
  const legendId = useId();

  // The claims come as JSON after the page (thousands of them would slow the page's own answer),
  // and again after every change; the revision in the key refetches them after a new revision.
  const [claims, setClaims] = useState<ReaderClaim[]>([]);
  const [claimsError, setClaimsError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  // The first request starts while the page hydrates: effects run only once the whole page has
  // been hydrated, and the claims would wait for that.
  const claimsKey = `${documentId}:${revisionId}:${generation}`;
  const [early] = useState(() =>
    typeof window === 'undefined'
      ? null
      : { key: claimsKey, request: fetchClaims(documentId, { preloaded: true }) },
  );
  const earlyUsed = useRef(false);
  useEffect(() => {
    let live = true;
    const pending =
      early && !earlyUsed.current && early.key === claimsKey ? early.request : fetchClaims(documentId);
    earlyUsed.current = true;
    void pending.then((res) => {
      if (!live) return;
      if (res.ok) {
        // For the benchmark (npm run bench): when the claims arrived, before rendering them.
        performance.mark('warrant:claims-received');
        setClaims(res.data.claims);
        setClaimsError(undefined);
      } else setClaimsError(res.error.message);
    });
    return () => {
      live = false;
    };
  }, [documentId, claimsKey, early]);

  // Live: a teammate's change to a claim of this document reloads the claims; presence lists readers.
  useLiveDocument(documentId);
  useLiveEvent((event) => {
    if (event.type === 'claims' && event.documentIds.includes(documentId)) setGeneration((g) => g + 1);
    if (event.type === 'presence' && event.documentId === documentId) setViewers(event.viewers);
  });
  const others = viewers.filter((v) => v.userId !== userId);

  const typeKeys = useMemo(() => new Map(types.map((t, i) => [t.id, String(i)])), [types]);
  // Competing claims of one topic: a letter and a hue each, in the text and on their cards.
  const marks = useMemo(() => topicMarks(claims), [claims]);
  const passages = useMemo<PaintedPassage[]>(
    () =>
      claims.flatMap((c) =>
        c.anchors
          .filter((a) => a.start !== null && a.end !== null && a.status !== 'orphaned')
          .map((a) => ({
            claimId: c.id,
            typeKey: typeKeys.get(c.typeId) ?? 'x',
            start: a.start!,
            end: a.end!,
            mark: marks.get(c.id)?.hue,
            fuzzy: a.status === 'fuzzy',
          })),
      ),
    [claims, typeKeys, marks],
  );
  const hasFuzzy = passages.some((p) => p.fuzzy);
  const byClaim = useMemo(() => new Map(claims.map((c) => [c.id, c])), [claims]);
  /** The claims of the passages under a point of the text, one line each. */
  const linesOf = useCallback(
    (under: PaintedPassage[]): HoverLine[] => {
      const lines = new Map<string, HoverLine>();
      for (const p of under) {
        const c = byClaim.get(p.claimId);
        const line = lines.get(p.claimId);
        if (line) line.fuzzy ||= !!p.fuzzy;
        else if (c) {
          lines.set(p.claimId, {
            id: c.id,
            statement: c.statement,
            status: c.status,
            mark: marks.get(c.id),
            fuzzy: !!p.fuzzy,
            contested: c.reasonCount > 0,
          });
        }
      }
      return [...lines.values()];
    },
    [byClaim, marks],
  );
  const order = useMemo(
    () => [
      ...new Set(
        passages
          .slice()
          .sort((a, b) => a.start - b.start)
          .map((p) => p.claimId),
      ),
    ],
    [passages],
  );
  const orphans = useMemo(
    () =>
      claims.flatMap((c) =>
        c.anchors.flatMap((a) =>
          a.status === 'orphaned' && a.id ? [{ claim: c, anchor: { ...a, id: a.id } }] : [],
        ),
      ),
    [claims],
  );
  const activeId = panel.mode === 'claim' ? panel.claimId : null;
  // The list follows in a render of its own: new claims are painted first (thousands of
  // highlights), then the list of them is drawn, without holding up the paint.
  const listed = useDeferredValue(claims);

  // Paint (and repaint when claims change); nothing while the text is being edited. A layout
  // effect: the highlights go into the same frame as the render that brought the claims.
  useLayoutEffect(() => {
    if (!view || editing) return;
    paintPassages(view, passages);
    return () => stopPainting(view);
  }, [view, editing, passages]);
  // Only the passages near the viewport are registered (./highlighter.ts): follow the scrolling.
  useEffect(() => {
    if (!view || editing) return;
    return followViewport(view);
  }, [view, editing]);
  useLayoutEffect(() => {
    if (!view || editing) return;
    paintActive(view, activeId ? passages.filter((p) => p.claimId === activeId) : []);
  }, [view, editing, passages, activeId]);
  useLayoutEffect(() => {
    if (!view || editing) return;
    if (findMarks.all.length) paintFound(view, findMarks.all, findMarks.current);
    else paintFound(view, found ? [found] : [], found);
  }, [view, editing, passages, found, findMarks]);
  // A search result opened here: its passage scrolled to the middle and flashed, once.
  const foundShown = useRef(false);
  useEffect(() => {
    if (!view || !found || foundShown.current) return;
    foundShown.current = true;
    const range = view.rangeOf(found.start, found.end);
    range?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    flash(view, [{ claimId: '', typeKey: '', ...found }]);
  }, [view, found]);

  // The selection in the text, as offsets of the canonical text.
  useEffect(() => {
    if (!view) return;
    const update = () => {
      const sel = window.getSelection();
      const range = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
      if (!range || range.collapsed || !view.root.contains(range.commonAncestorContainer)) {
        return setSelection(null);
      }
      const start = view.offsetOf(range.startContainer, range.startOffset, 'start');
      const end = view.offsetOf(range.endContainer, range.endOffset, 'end');
      const box = frame.current?.getBoundingClientRect();
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      const quote = range.toString().trim();
      if (start === null || end === null || end <= start || !box || !quote) return setSelection(null);
      setSelection({ start, end, quote, left: last.right - box.left, top: last.bottom - box.top + 6 });
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [view]);

  const refresh = useCallback(() => {
    setGeneration((g) => g + 1);
    router.refresh();
  }, [router]);

  const goTo = useCallback(
    (claimId: string) => {
      if (!view) return null;
      const mine = passages.filter((p) => p.claimId === claimId);
      const first = mine[0];
      if (!first) return null;
      const range = view.rangeOf(first.start, first.end);
      const element = range?.startContainer.parentElement;
      element?.scrollIntoView({ block: 'center' });
      flash(view, mine);
      return { first, range };
    },
    [view, passages],
  );

  const open = useCallback(
    (claimId: string, scroll = true) => {
      setPanel({ mode: 'claim', claimId });
      if (scroll) goTo(claimId);
    },
    [goTo],
  );

  /**
   * ] and [: the next or previous claim opens, and its passage shows the hover card (every claim
   * there), read out too: what the pointer shows, for the keyboard.
   */
  const step = useCallback(
    (claimId: string) => {
      setPanel({ mode: 'claim', claimId });
      const reached = goTo(claimId);
      const box = frame.current?.getBoundingClientRect();
      if (!reached || !box) return;
      const lines = linesOf(spansAt(passages, reached.first.start));
      const rect = reached.range?.getBoundingClientRect();
      setHover(rect ? { left: rect.left - box.left, top: rect.bottom - box.top + 6, lines } : null);
      setStepped(`Passage of ${lines.length} claim${lines.length === 1 ? '' : 's'}: ${hoverWords(lines)}`);
    },
    [goTo, linesOf, passages],
  );

  const startClaim = useCallback(() => {
    // A selection longer than a passage may be is refused by the menu's message instead.
    if (selection && canWrite && !selectionTooLong(selection)) setPanel({ mode: 'new', selection });
  }, [selection, canWrite]);

  // Keyboard: Ctrl/Cmd-F in the reader opens the find bar; c makes a claim from the selection,
  // ] and [ step through claims, Escape closes.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inReader =
        document.activeElement === document.body || frame.current?.contains(document.activeElement);
      if (
        (e.ctrlKey || e.metaKey) &&
        !e.altKey &&
        e.key.toLowerCase() === 'f' &&
        view &&
        !editing &&
        inReader
      ) {
        e.preventDefault();
        setFinding(true);
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === 'c' && selection) {
        e.preventDefault();
        startClaim();
      } else if ((e.key === ']' || e.key === '[') && order.length) {
        e.preventDefault();
        const at = activeId ? order.indexOf(activeId) : -1;
        const next = e.key === ']' ? (at + 1) % order.length : (at - 1 + order.length) % order.length;
        step(order[next]!);
      } else if (e.key === 'Escape') {
        if (panel.mode !== 'list') setPanel({ mode: 'list' });
        setHover(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, order, activeId, panel.mode, step, startClaim, view, editing]);

  // Hover shows the claims under the pointer; a click on a highlight opens its claim.
  const offsetAt = (x: number, y: number) => view?.offsetAtPoint(x, y) ?? null;
  const onMouseMove = (e: React.MouseEvent) => {
    if (!view || editing) return;
    const offset = offsetAt(e.clientX, e.clientY);
    const under = offset === null ? [] : spansAt(passages, offset);
    const box = frame.current?.getBoundingClientRect();
    if (!under.length || !box) return setHover(null);
    setHover({ left: e.clientX - box.left + 12, top: e.clientY - box.top + 16, lines: linesOf(under) });
  };
  const onClick = (e: React.MouseEvent) => {
    if (!view || editing || window.getSelection()?.isCollapsed === false) return;
    const offset = offsetAt(e.clientX, e.clientY);
    const under = offset === null ? [] : spansAt(passages, offset);
    if (under.length) open(under[0]!.claimId, false);
  };

  const doReattach = async () => {
    if (!reattach || !selection) return;
    const res = await api('PUT', `/api/anchors/${reattach.anchorId}`, {
      documentId,
      revisionId,
      start: selection.start,
      end: selection.end,
    });
    if (!res.ok) return setNotice({ ok: false, text: res.error.message });
    setReattach(null);
    setSelection(null);
    setNotice({ ok: true, text: 'Passage re-attached.' });
    refresh();
  };

  const overlay = (
    <>
      {/* Hidden once a form for the selection is open (a new claim, a claim to add it to, Where else?). */}
      {selection && !editing && canWrite && (panel.mode === 'list' || panel.mode === 'claim') ? (
        <SelectionMenu
          selection={selection}
          reattachQuote={reattach?.quote}
          onClaim={startClaim}
          onAppearance={() => setPanel({ mode: 'appearance', selection })}
          onWhereElse={() => setPanel({ mode: 'where-else', selection })}
          onReattach={doReattach}
        />
      ) : null}
      {hover && !selection ? (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-20 max-w-xs space-y-1 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg"
          style={{ left: hover.left, top: hover.top }}
        >
          {hover.lines.map((l) => (
            <span key={l.id} className="block" data-claim-id={l.id}>
              <span className="flex items-start gap-1.5">
                {l.mark ? <MarkSwatch mark={l.mark} /> : null}
                <span>{l.statement}</span>
              </span>
              <span className="block text-[11px] text-slate-300">
                {statusTitle(l.status)}
                {l.contested ? ' · contested' : ''}
                {l.fuzzy ? ' · close match (placed approximately after a revision)' : ''}
              </span>
            </span>
          ))}
        </div>
      ) : null}
    </>
  );

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
      <style>{highlightCss(types.map((t, i) => ({ key: String(i), color: t.color })))}</style>
      <div
        ref={frame}
        className="relative min-w-0 space-y-2"
        onMouseMove={onMouseMove}
        onMouseLeave={() => setHover(null)}
        onClick={onClick}
      >
        {view && !editing ? (
          finding ? (
            <FindBar
              view={view}
              canWrite={canWrite}
              onMatches={onFindMatches}
              onClose={() => setFinding(false)}
              onMakeClaim={(m) => {
                const quote = view.rangeOf(m.start, m.end)?.toString() ?? '';
                setPanel({ mode: 'new', selection: { ...m, quote, left: 0, top: 0 } });
              }}
            />
          ) : (
            <button
              type="button"
              aria-keyshortcuts="Control+F Meta+F"
              onClick={() => setFinding(true)}
              className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              Find in document
            </button>
          )
        ) : null}
        {hasFuzzy || marks.size ? (
          <p id={legendId} className="text-xs text-slate-600">
            {marks.size
              ? 'Competing claims of one topic are lettered A, B … and each has its own colour, on its card too. '
              : ''}
            {hasFuzzy ? (
              <>
                <span className="underline decoration-orange-800 decoration-dashed decoration-2 underline-offset-4">
                  Dashed underline
                </span>
                : a close match, placed approximately after the text was revised.{' '}
              </>
            ) : null}
            Point at a highlight, or press <kbd>]</kbd> and <kbd>[</kbd>, to see its claims.
          </p>
        ) : null}
        <div aria-live="polite" className="sr-only">
          {stepped}
        </div>
        <DocumentReader
          documentId={documentId}
          revisionId={revisionId}
          textUrl={textUrl}
          starts={starts}
          outline={outline}
          canEdit={canWrite}
          label={title}
          describedBy={hasFuzzy || marks.size ? legendId : undefined}
          onTextView={setView}
          onEditingChange={setEditing}
          overlay={overlay}
        />
      </div>
      <aside
        aria-label="Claims"
        className="space-y-4 self-start xl:sticky xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:overflow-y-auto"
      >
        {others.length ? (
          <section aria-label="Also reading" className="text-xs text-slate-600">
            Also reading: {others.map((v) => v.name).join(', ')}
          </section>
        ) : null}
        {notice ? <FormMessage ok={notice.ok} message={notice.text} /> : null}
        {found ? (
          <div
            role="status"
            aria-label="Passage found"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
          >
            The passage your search found is marked in the text.{' '}
            <button type="button" className="underline" onClick={() => setFound(null)}>
              Clear the mark
            </button>
          </div>
        ) : null}
        {claimsError ? <FormMessage message={`The claims could not be loaded: ${claimsError}`} /> : null}
        {reattach ? (
          <div
            role="status"
            className="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900"
          >
            Select the new passage for “{reattach.quote}” in the text, then choose{' '}
            <strong>Re-attach here</strong>.{' '}
            <button type="button" className="underline" onClick={() => setReattach(null)}>
              Cancel
            </button>
          </div>
        ) : null}
        {orphans.length ? (
          <OrphanedPassages
            documentId={documentId}
            orphans={orphans}
            canWrite={canWrite}
            onReattach={(anchorId, quote) => setReattach({ anchorId, quote })}
          />
        ) : null}
        {panel.mode === 'new' ? (
          <ClaimForm
            label="New claim"
            quote={panel.selection.quote}
            focusStatement
            initial={emptyClaimValues(types[0]?.id ?? '', panel.selection.quote)}
            types={types}
            topics={topics}
            submitLabel="Create claim"
            onCancel={() => setPanel({ mode: 'list' })}
            onSubmit={async (values) => {
              const res = await api<{ claimId: string }>('POST', `/api/documents/${documentId}/claims`, {
                passage: { revisionId, start: panel.selection.start, end: panel.selection.end },
                fields: claimFieldsBody(values),
              });
              if (!res.ok) return res.error;
              setSelection(null);
              window.getSelection()?.removeAllRanges();
              setPanel({ mode: 'claim', claimId: res.data.claimId });
              refresh();
              return null;
            }}
          />
        ) : panel.mode === 'appearance' ? (
          <AppearancePicker
            workspaceId={workspaceId}
            quote={panel.selection.quote}
            onCancel={() => setPanel({ mode: 'list' })}
            onPick={async (claimId) => {
              const res = await api('POST', `/api/claims/${claimId}/anchors`, {
                documentId,
                revisionId,
                start: panel.selection.start,
                end: panel.selection.end,
              });
              if (!res.ok) return res.error.message;
              setSelection(null);
              setPanel({ mode: 'claim', claimId });
              refresh();
              return null;
            }}
          />
        ) : panel.mode === 'where-else' ? (
          <section aria-label="Selection elsewhere" className="space-y-2">
            <p className="font-serif text-sm text-slate-800">“{panel.selection.quote}”</p>
            <WhereElse
              key={`${panel.selection.start}-${panel.selection.end}`}
              workspaceId={workspaceId}
              url={`/api/documents/${documentId}/where-else?start=${panel.selection.start}&end=${panel.selection.end}`}
              claimId={null}
              canWrite={canWrite}
            />
            <Button size="sm" variant="secondary" onClick={() => setPanel({ mode: 'list' })}>
              Close
            </Button>
          </section>
        ) : panel.mode === 'claim' ? (
          <ClaimDetailView
            key={panel.claimId}
            claimId={panel.claimId}
            workspaceId={workspaceId}
            documentId={documentId}
            types={types}
            topics={topics}
            canWrite={canWrite}
            onChanged={refresh}
            onClose={() => setPanel({ mode: 'list' })}
            onGoTo={goTo}
            onReattach={(anchorId, quote) => setReattach({ anchorId, quote })}
            asSource={props.asSource ?? null}
          />
        ) : (
          <>
            <ClaimList
              claims={listed}
              types={types}
              marks={marks}
              activeId={activeId}
              onOpen={(id) => open(id)}
            />
            <p className="text-xs text-slate-500">
              Keyboard: select text and press <kbd>c</kbd> to make a claim; <kbd>]</kbd> and <kbd>[</kbd> go
              to the next and previous claim; <kbd>Esc</kbd> closes the claim; <kbd>?</kbd> lists every
              shortcut.
            </p>
          </>
        )}
      </aside>
    </div>
  );
}

function AppearancePicker({
  workspaceId,
  quote,
  onPick,
  onCancel,
}: {
  workspaceId: string;
  quote: string;
  onPick: (claimId: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ id: string; statement: string; typeName: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const handle = window.setTimeout(() => {
      void api<{ claims: { id: string; statement: string; typeName: string }[] }>(
        'GET',
        `/api/workspaces/${workspaceId}/claims?q=${encodeURIComponent(q)}`,
      ).then((res) => {
        if (res.ok) setFound(res.data.claims);
      });
    }, 150);
    return () => window.clearTimeout(handle);
  }, [q, workspaceId]);
  return (
    <section aria-label="Add to an existing claim" className="space-y-2">
      <h3 className="text-sm font-semibold">Add “{quote}” to an existing claim</h3>
      <input
        aria-label="Find a claim"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Type words of its statement"
        className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      <ul className="space-y-1">
        {found.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="w-full rounded border border-slate-200 px-2 py-1 text-left text-sm hover:border-indigo-400"
              onClick={async () => setError(await onPick(c.id))}
            >
              {c.statement} <span className="text-xs text-slate-500">({c.typeName})</span>
            </button>
          </li>
        ))}
      </ul>
      <FormMessage message={error ?? undefined} />
      <Button size="sm" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </section>
  );
}
