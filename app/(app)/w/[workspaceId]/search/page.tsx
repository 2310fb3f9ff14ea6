import type { Metadata } from 'next';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { SearchResults, type ResultGroup } from '@/components/search/search-results';
import { Card } from '@/components/ui/card';
import { FILTER_CONTROL, FilterSelect } from '@/components/ui/filter-select';
import { FormMessage } from '@/components/ui/form-message';
import { listClaimTypes } from '@/db/queries/claim-types';
import { listDocuments } from '@/db/queries/documents';
import { listMembers } from '@/db/queries/members';
import { searchWorkspace } from '@/db/queries/search';
import { listSources } from '@/db/queries/sources';
import { searchFilters, searchHref, searchParamsInput, searchParamsSchema } from '@/lib/search/params';
import { formatSearchQuery } from '@/lib/search/query';
import { hitHref, snippetParts } from '@/lib/search/snippet';
import { SEARCH_KIND_LABELS, SEARCH_KINDS } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Search · Warrant' };

type Params = Promise<{ workspaceId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function SearchPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user } = await loadWorkspace(workspaceId);
  const parsed = searchParamsSchema.safeParse(searchParamsInput(await searchParams));
  const p = parsed.success ? parsed.data : searchParamsSchema.parse({});
  const [documents, types, sources, members] = await Promise.all([
    listDocuments(store, { actor: user, workspaceId, query: { sort: 'title' } }),
    listClaimTypes(store, { actor: user, workspaceId }),
    listSources(store, { actor: user, workspaceId }),
    listMembers(store, { actor: user, workspaceId }),
  ]);
  const single = p.kind.length === 1;
  const result =
    parsed.success && p.q.trim()
      ? await searchWorkspace(store, {
          actor: user,
          workspaceId,
          text: p.q,
          filters: searchFilters(p),
          limit: p.limit ?? (single ? 50 : 5),
        })
      : null;
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const groups: ResultGroup[] = (result?.groups ?? []).map((g) => ({
    kind: g.kind,
    label: SEARCH_KIND_LABELS[g.kind],
    moreHref: g.more && !single ? searchHref(workspaceId, { ...p, kind: [g.kind], limit: undefined }) : null,
    results: g.hits.map((h, i) => ({
      key: `${g.kind}-${i}`,
      href: hitHref(workspaceId, h),
      context: h.context,
      snippet: snippetParts(h.snippet),
      meta: [h.createdBy ? (names.get(h.createdBy) ?? 'A former member') : null, day.format(h.createdAt)]
        .filter(Boolean)
        .join(' · '),
    })),
  }));
  const found = groups.reduce((n, g) => n + g.results.length, 0);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
      <Card title="Search">
        <form method="get" className="space-y-3" aria-label="Search and filters">
          <label className="flex flex-col text-xs text-slate-600">
            Words
            <input
              type="search"
              name="q"
              defaultValue={p.q}
              maxLength={200}
              className={FILTER_CONTROL}
              aria-describedby="search-syntax"
            />
          </label>
          <p id="search-syntax" className="text-xs text-slate-500">
            All words must occur. <code>&quot;a phrase&quot;</code> in order, <code>-word</code> to leave out,{' '}
            <code>word*</code> for words that start so. Case and accents do not matter.
          </p>
          <fieldset className="space-y-1">
            <legend className="text-xs text-slate-600">Kinds</legend>
            {SEARCH_KINDS.map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name="kind" value={k} defaultChecked={p.kind.includes(k)} />
                {SEARCH_KIND_LABELS[k]}
              </label>
            ))}
          </fieldset>
          <FilterSelect
            name="document"
            label="Document"
            any="Any document"
            options={documents.map((d) => ({ id: d.id, name: d.title }))}
            value={p.document}
          />
          <FilterSelect
            name="type"
            label="Claim type"
            any="Any type"
            options={types.map((t) => ({ id: t.id, name: t.name }))}
            value={p.type}
          />
          <FilterSelect
            name="source"
            label="Source"
            any="Any source"
            options={sources.map((s) => ({ id: s.id, name: s.name }))}
            value={p.source}
          />
          <FilterSelect
            name="by"
            label="Written by"
            any="Anyone"
            options={members.map((m) => ({ id: m.userId, name: m.name }))}
            value={p.by}
          />
          <div className="grid grid-cols-2 gap-2">
            <label className="flex flex-col text-xs text-slate-600">
              From
              <input type="date" name="from" defaultValue={p.from ?? ''} className={FILTER_CONTROL} />
            </label>
            <label className="flex flex-col text-xs text-slate-600">
              To
              <input type="date" name="to" defaultValue={p.to ?? ''} className={FILTER_CONTROL} />
            </label>
          </div>
          <button
            type="submit"
            className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800"
          >
            Search
          </button>
        </form>
      </Card>
      <section aria-label="Search results" className="space-y-4">
        {errors.length ? <FormMessage message={errors.join(' ')} /> : null}
        {result ? (
          <p role="status" className="text-sm text-slate-600">
            {found === 0
              ? `Nothing found for ${formatSearchQuery(result.query) || 'that search'}.`
              : `${found}${groups.some((g) => g.moreHref) ? '+' : ''} result${found === 1 ? '' : 's'} for ${formatSearchQuery(result.query)}. Use the arrow keys to move between them.`}
          </p>
        ) : !errors.length ? (
          <p className="text-sm text-slate-600">
            Search the passages of every document, the claims, sources, evidence and discussion of this
            workspace.
          </p>
        ) : null}
        <SearchResults groups={groups} />
      </section>
    </div>
  );
}
