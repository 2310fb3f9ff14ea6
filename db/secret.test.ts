import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSessionSecret, sessionSecretPath } from './secret';

const root = mkdtempSync(path.join(tmpdir(), 'warrant-secret-'));
let n = 0;
const saved = { ...process.env };
/** Each test gets a data folder of its own (and so misses the module's cache). */
beforeEach(() => {
  delete process.env.NEXTAUTH_SECRET;
  delete process.env.AUTH_SECRET;
  process.env.DATABASE_PATH = path.join(root, `data-${++n}`, 'warrant.db');
});
afterEach(() => {
  process.env = { ...saved };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function leaveSecretFile(content: string) {
  mkdirSync(path.dirname(sessionSecretPath()), { recursive: true });
  writeFileSync(sessionSecretPath(), content, { mode: 0o600 });
}

describe('getSessionSecret', () => {
  it('makes a secret on first start, readable by the owner only, with nothing else left beside it', () => {
    const first = getSessionSecret();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(sessionSecretPath()).mode & 0o777).toBe(0o600);
    expect(readFileSync(sessionSecretPath(), 'utf8')).toBe(first);
    expect(readdirSync(path.dirname(sessionSecretPath()))).toEqual(['session-secret']);
  });

  it('keeps the secret it finds', () => {
    leaveSecretFile('k'.repeat(40));
    expect(getSessionSecret()).toBe('k'.repeat(40));
  });

  it.each([
    { left: 'an empty file', content: '' },
    { left: 'a file of whitespace', content: '\n' },
  ])(
    'replaces $left (what a first start killed while writing it leaves) instead of refusing to start',
    ({ content }) => {
      leaveSecretFile(content);
      const secret = getSessionSecret();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(sessionSecretPath(), 'utf8')).toBe(secret);
      expect(statSync(sessionSecretPath()).mode & 0o777).toBe(0o600);
      expect(readdirSync(path.dirname(sessionSecretPath()))).toEqual(['session-secret']);
    },
  );

  it('still refuses a secret that is there but too short', () => {
    leaveSecretFile('too short');
    expect(() => getSessionSecret()).toThrow(/too short/);
    expect(readFileSync(sessionSecretPath(), 'utf8')).toBe('too short');
  });
});
