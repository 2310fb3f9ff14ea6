import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { ClaimsView, EvidenceRowsView, SourcesView } from '@/components/evidence/evidence-views';
import { ExportLinks } from '@/components/evidence/export-links';
import { Button } from '@/components/ui/button';
import { FILTER_CONTROL, FilterSelect } from '@/components/ui/filter-select';
import {
  decodeCursor,
  encodeCursor,
  getEvidenceTable,
  getEvidenceTableFacets,
} from '@/db/queries/evidence-table';
import {
  FILTER_KEYS,
  FILTER_PLACEMENT,
  filtersFromParams,
  filtersToQuery,
  moreFilters,
  type EvidenceTableFilters,
} from '@/lib/export/table-filters';
import {
  COLUMN_KEYS,
  GROUPS,
  ROWS_PER_PAGE,
  TABLE_COLUMNS,
  tableViewSchema,
  viewToParams,
} from '@/lib/export/table-view';
import {
  CONFIDENCES,
  CREDIBILITY,
  CREDIBILITY_CODES,
  LIKELIHOODS,
  RELIABILITY,
  RELIABILITY_CODES,
  STANCES,
} from '@/lib/scales';
import { ANCHOR_STATUSES, CLAIM_STATUSES, claimStatusTitle } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Evidence table · Warrant' };

type Search = Record<string, string | string[] | undefined>;

/** The evidence table: filters, sort, grouping and columns in the URL; exports of the view. */
export default async function EvidencePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Search>;
}) {
  const store = appStore();
  const { workspaceId } = await params;
  const raw = await searchParams;
  const first = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const filters = filtersFromParams(raw);
  const more = moreFilters(filters);
  const filtered = filtersToQuery(filters) !== '';
  /** Every filter unset (the view, its columns and order kept). */
  const clearFilters = Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]));
  // The column chooser submits one "col" per ticked box; links carry them joined in "cols".
  const cols = raw.col ? [raw.col].flat().join(',') : first('cols');
  const view = tableViewSchema.parse({
    view: first('view'),
    sort: first('sort'),
    dir: first('dir'),
    group: first('group'),
    cols,
    rows: first('rows'),
  });
  const { user } = await loadWorkspace(workspaceId);
  const [table, facets] = await Promise.all([
    getEvidenceTable(store, {
      actor: user,
      workspaceId,
      filters,
      baseUrl: '',
      view: view.view,
      sort: view.sort,
      dir: view.dir,
      group: view.group,
      limit: view.rows,
      // Where this page starts (the "Next" link's); a cursor that is not one: the first page.
      cursor: view.view === 'evidence' ? decodeCursor(first('after')) : undefined,
    }),
    getEvidenceTableFacets(store, { actor: user, workspaceId }),
  ]);
  const base = `/w/${workspaceId}/evidence`;
  const href = (over: Record<string, string | undefined>) => {
    const query = new URLSearchParams(filtersToQuery(filters));
    for (const [k, v] of Object.entries({ ...viewToParams(view), ...over })) {
      if (v) query.set(k, v);
      else query.delete(k);
    }
    const s = query.toString();
    return s ? `${base}?${s}` : base;
  };
  const select = (
    name: keyof typeof filters,
    label: string,
    any: string,
    options: { id: string; name: string }[],
  ) => <FilterSelect name={name} label={label} any={any} options={options} value={filters[name]} />;
  const controls: Record<keyof EvidenceTableFilters, ReactNode> = {
    q: (
      <label className="flex flex-col text-xs text-slate-600">
        Contains
        <input
          name="q"
          defaultValue={filters.q ?? ''}
          className={FILTER_CONTROL}
          placeholder="statement or quote"
        />
      </label>
    ),
    type: select('type', 'Type', 'Any type', facets.types),
    topic: select('topic', 'Topic', 'Any topic', facets.topics),
    tag: select(
      'tag',
      'Tag',
      'Any tag',
      facets.tags.map((t) => ({ id: t, name: t })),
    ),
    status: select(
      'status',
      'Status',
      'Any status',
      CLAIM_STATUSES.map((s) => ({ id: s, name: claimStatusTitle(s) })),
    ),
    document: select('document', 'Document', 'Any document', facets.documents),
    source: select('source', 'Source', 'Any source', facets.sources),
    stance: select(
      'stance',
      'Stance',
      'Any stance',
      STANCES.map((s) => ({ id: s, name: s })),
    ),
    reliability: select(
      'reliability',
      'Reliability',
      'Any reliability',
      RELIABILITY_CODES.map((r) => ({ id: r, name: `${r} — ${RELIABILITY[r]}` })),
    ),
    credibility: select(
      'credibility',
      'Credibility',
      'Any credibility',
      CREDIBILITY_CODES.map((c) => ({ id: String(c), name: `${c} — ${CREDIBILITY[c]}` })),
    ),
    likelihood: select(
      'likelihood',
      'Likelihood',
      'Any likelihood',
      LIKELIHOODS.map((l) => ({ id: l.key, name: `${l.label} (${l.range})` })),
    ),
    confidence: select(
      'confidence',
      'Confidence',
      'Any confidence',
      CONFIDENCES.map((c) => ({ id: c, name: `${c} confidence` })),
    ),
    anchor: select(
      'anchor',
      'Anchor status',
      'Any',
      ANCHOR_STATUSES.map((s) => ({ id: s, name: s })),
    ),
    author: select('author', 'Author', 'Anyone', facets.members),
    reviewer: select('reviewer', 'Reviewer', 'Anyone', [
      { id: 'none', name: 'Nobody yet' },
      ...facets.members,
    ]),
    contested: select('contested', 'Contested', 'Either', [
      { id: 'yes', name: 'Contested' },
      { id: 'no', name: 'Not contested' },
    ]),
  };
  /** The filters of one part of the bar, in the schema's order. */
  const placed = (where: 'common' | 'more') =>
    FILTER_KEYS.filter((k) => FILTER_PLACEMENT[k] === where).map((k) => (
      <Fragment key={k}>{controls[k]}</Fragment>
    ));
  const viewParams = viewToParams(view);
  const hidden = (keep: string[]) =>
    Object.entries(viewParams)
      .filter(([k]) => keep.includes(k))
      .map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
  const shown = view.view === 'claims' ? table.claims.length : table.rows.length;
  const later = view.view === 'evidence' && !!decodeCursor(first('after'));
  const total = view.view === 'claims' ? table.totalClaims : table.totalRows;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">Evidence table</h2>
        <nav aria-label="Table views" className="flex gap-1 text-sm">
          {(
            [
              ['evidence', 'Claims × evidence'],
              ['claims', 'By claim'],
              ['sources', 'By source'],
            ] as const
          ).map(([key, label]) => (
            <Link
              key={key}
              href={href({ view: key === 'evidence' ? undefined : key })}
              aria-current={view.view === key ? 'page' : undefined}
              className={`rounded-md px-2.5 py-1 ${view.view === key ? 'bg-indigo-100 font-medium text-indigo-900' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {label}
            </Link>
          ))}
        </nav>
      </div>

      <form
        role="search"
        aria-label="Filter the table"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
      >
        {hidden(['view', 'sort', 'dir', 'group', 'cols', 'rows'])}
        <div className="flex flex-wrap items-end gap-3">
          {placed('common')}
          <Button type="submit" size="sm">
            Apply filters
          </Button>
          <Link href={base} className="pb-1.5 text-sm text-indigo-700 hover:underline">
            Clear
          </Link>
        </div>
        {/* The other filters: open by itself when one of them is set, so an active filter is never hidden. */}
        <details open={more.open} className="text-sm">
          <summary className="cursor-pointer text-indigo-800">
            More filters{more.active ? ` (${more.active} active)` : ''}
          </summary>
          <div className="mt-2 flex flex-wrap items-end gap-3">{placed('more')}</div>
        </details>
      </form>

      {view.view !== 'sources' ? (
        <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer font-medium">Columns and grouping</summary>
          <form aria-label="Columns and grouping" className="mt-2 space-y-2">
            {Object.entries(filters)
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
            {hidden(['view', 'sort', 'dir'])}
            <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
              <legend className="mb-1 text-xs text-slate-600">Columns</legend>
              {COLUMN_KEYS.map((key) => (
                <label key={key} className="inline-flex items-center gap-1">
                  <input type="checkbox" name="col" value={key} defaultChecked={view.cols.includes(key)} />
                  {TABLE_COLUMNS[key]}
                </label>
              ))}
            </fieldset>
            <label className="flex items-center gap-2">
              Group by
              <select name="group" defaultValue={view.group ?? ''} className={FILTER_CONTROL}>
                <option value="">Nothing</option>
                {Object.entries(GROUPS).map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2">
              Rows per page
              <select name="rows" defaultValue={String(view.rows)} className={FILTER_CONTROL}>
                {ROWS_PER_PAGE.map((n) => (
                  <option key={n} value={n}>
                    {n.toLocaleString('en')}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" size="sm" variant="secondary">
              Show
            </Button>
          </form>
        </details>
      ) : null}

      <ExportLinks
        workspaceId={workspaceId}
        query={filtersToQuery(filters)}
        viewQuery={
          view.view === 'evidence'
            ? new URLSearchParams(
                Object.entries(viewParams).filter(([k]) => ['cols', 'sort', 'dir', 'group'].includes(k)),
              ).toString()
            : null
        }
      />

      <p className="text-sm text-slate-600" role="status" aria-label="Rows">
        {view.view === 'sources'
          ? `${table.sources.length} sources`
          : `${total} ${view.view === 'claims' ? 'claims' : 'rows'}${later ? ` — ${shown} further rows${view.sort ? ' in this order' : ''} are shown; the exports carry them all` : total > view.rows ? ` — the first ${shown}${view.sort && view.view !== 'claims' ? ' in this order' : ''} are shown; the exports carry them all` : ''}`}
      </p>

      {view.view === 'sources' ? (
        <SourcesView
          workspaceId={workspaceId}
          sources={table.sources}
          filtered={filtered}
          clearHref={href(clearFilters)}
        />
      ) : view.view === 'claims' ? (
        <ClaimsView
          workspaceId={workspaceId}
          claims={table.claims}
          filtered={filtered}
          clearHref={href(clearFilters)}
        />
      ) : (
        <EvidenceRowsView
          workspaceId={workspaceId}
          rows={table.rows}
          view={view}
          href={href}
          filtered={filtered}
          clearHref={href(clearFilters)}
        />
      )}

      {view.view === 'evidence' && (later || table.next) ? (
        <nav aria-label="Table pages" className="flex gap-4 text-sm">
          {later ? (
            <Link href={href({})} className="text-indigo-700 underline">
              First rows
            </Link>
          ) : null}
          {table.next ? (
            <Link href={href({ after: encodeCursor(table.next) })} className="text-indigo-700 underline">
              Next {view.rows.toLocaleString('en')} rows
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
