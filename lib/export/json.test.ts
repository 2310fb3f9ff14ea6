import { describe, expect, it } from 'vitest';
import {
  collectText,
  FIXTURE_CLAIMS,
  FIXTURE_CONTEXT,
  FIXTURE_DOCUMENTS,
  FIXTURE_SOURCES,
  fixtureExport,
  fixtureWithClaims,
} from './fixtures';
import { jsonChunks } from './json';

describe('JSON export', () => {
  it('writes the full model as valid JSON', async () => {
    const parsed = JSON.parse(await collectText(jsonChunks(fixtureExport())));
    expect(parsed).toEqual({
      format: 'warrant-export',
      version: 1,
      context: FIXTURE_CONTEXT,
      documents: FIXTURE_DOCUMENTS,
      sources: FIXTURE_SOURCES,
      claims: FIXTURE_CLAIMS,
    });
  });

  it('streams one claim per chunk', async () => {
    const chunks: string[] = [];
    for await (const chunk of jsonChunks(fixtureExport())) chunks.push(chunk);
    expect(chunks).toHaveLength(FIXTURE_CLAIMS.length + 2);
  });

  it('is valid with no claims', async () => {
    const parsed = JSON.parse(await collectText(jsonChunks(await fixtureWithClaims([]))));
    expect(parsed.claims).toEqual([]);
  });
});
