import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANCHOR_STATUSES, CLAIM_STATUSES } from '@/db/schema';
import { EXPORT_FORMAT_KEYS } from '@/lib/export';
import { FILTER_KEYS } from '@/lib/export/table-filters';
import { openApiDocument } from './openapi';

const V1 = path.join(process.cwd(), 'app', 'api', 'v1');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** app/api/v1/claims/[claimId]/route.ts → /claims/{claimId} */
const apiPath = (file: string) =>
  '/' +
  path
    .relative(V1, path.dirname(file))
    .split(path.sep)
    .map((seg) => seg.replace(/^\[(\w+)\]$/, '{$1}'))
    .join('/');

const exportedMethods = (file: string) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
    ),
  ].map((m) => m[1]!.toLowerCase());

const doc = openApiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  components: Record<string, Record<string, unknown>>;
};

describe('the OpenAPI description', () => {
  const files = routeFiles(V1);

  it('is OpenAPI 3.1 with a bearer security scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toMatchObject({ bearerAuth: { type: 'http', scheme: 'bearer' } });
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(routeFiles(V1).map((f) => [path.relative(process.cwd(), f), f]))(
    'describes every method of %s',
    (_name, file) => {
      const methods = exportedMethods(file);
      expect(methods.length).toBeGreaterThan(0);
      const described = doc.paths[apiPath(file)];
      expect(described, apiPath(file)).toBeDefined();
      expect(Object.keys(described!).sort()).toEqual([...methods].sort());
    },
  );

  it('describes no endpoint that does not exist', () => {
    const implemented = new Set(files.map(apiPath));
    for (const p of Object.keys(doc.paths)) expect(implemented.has(p), p).toBe(true);
  });

  it('answers 401 on every endpoint but its own, and 404 for every object in the path', () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (p === '/openapi.json') {
          expect(op.security).toEqual([]);
          continue;
        }
        expect(op.responses['401'], `${method} ${p}`).toBeDefined();
        if (p.includes('{')) expect(op.responses['404'], `${method} ${p}`).toBeDefined();
        if (method === 'patch') {
          expect(op.responses['412']).toBeDefined();
          expect(op.responses['428']).toBeDefined();
        }
      }
    }
  });

  it('resolves every $ref', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(50);
    for (const [, kind, name] of refs)
      expect(doc.components[kind!]?.[name!], `${kind}/${name}`).toBeDefined();
  });

  it('takes its enums from the schema and the export formats', () => {
    const schemas = doc.components.schemas as Record<
      string,
      { properties: Record<string, { enum?: string[] }> }
    >;
    expect(schemas.Claim!.properties.status!.enum).toEqual([...CLAIM_STATUSES]);
    expect(schemas.ClaimSummary!.properties.status!.enum).toEqual([...CLAIM_STATUSES]);
    const exportFormat = (
      doc.paths['/workspaces/{workspaceId}/export']!.get as unknown as {
        parameters: { name: string; schema: { enum?: string[] } }[];
      }
    ).parameters.find((p) => p.name === 'format');
    expect(exportFormat?.schema.enum).toEqual([...EXPORT_FORMAT_KEYS]);
    expect(JSON.stringify(schemas.RevisionResult)).toContain(JSON.stringify([...ANCHOR_STATUSES]));
  });

  it('describes every filter of the evidence table as a parameter of the export', () => {
    const doc = openApiDocument() as {
      paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>;
    };
    const params = doc.paths['/workspaces/{workspaceId}/export']!.get.parameters.filter(
      (p) => p.in === 'query',
    ).map((p) => p.name);
    const notFilters = ['format', 'bom', 'columns', 'cols', 'sort', 'dir', 'group'];
    expect(params.length).toBe(new Set(params).size);
    expect(params.filter((p) => !notFilters.includes(p)).sort()).toEqual([...FILTER_KEYS].sort());
    expect(params).toEqual(expect.arrayContaining(notFilters));
  });
});
