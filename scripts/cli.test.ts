import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '@/db/engines/sqlite';
import { getSignUpMode, listUsers, signInWithPassword } from '@/db/queries/accounts';
import { resolveApiToken } from '@/db/queries/api-tokens';
import { fileStore } from '@/db/testing';
import { runCli } from './cli';

const dir = mkdtempSync(path.join(tmpdir(), 'warrant-cli-'));
const configured = process.env.DATABASE_PATH;
afterAll(() => {
  if (configured === undefined) delete process.env.DATABASE_PATH;
  else process.env.DATABASE_PATH = configured;
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
/** The test's own store on the file the CLI works on (DATABASE_PATH), to check what it did. */
let store: SqliteStore;

beforeEach(async () => {
  const file = path.join(dir, `db-${++n}.db`);
  process.env.DATABASE_PATH = file;
  store = await fileStore(file);
});
afterEach(async () => {
  await store.close();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('warrant CLI', () => {
  it('prints help with --help and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('user create --email E --password P');
    expect(r.out).toContain('token create --email E --name N [--expires-days D]');
    expect(r.out).toContain('user promote --email E');
    expect(r.out).toContain('user demote --email E [--force]');
  });

  it.each([
    [[], /Usage/],
    [['user'], /Unknown command: user/],
    [
      ['user', 'create', '--email', 'not-an-email', '--password', 'long enough pw'],
      /--email: Enter a valid email/,
    ],
    [['user', 'create', '--email', 'a@example.org', '--password', 'short'], /--password: Use at least 10/],
    [
      ['user', 'create', '--email', 'a@example.org', '--pasword', 'typo in option'],
      /Unknown option '--pasword'/,
    ],
    [['workspace', 'create', '--name', 'Desk'], /--owner/],
    [['backup'], /backup needs a FILE/],
    [['user', 'list', 'extra'], /Unexpected argument: extra/],
    [['token', 'create', '--email', 'a@example.org'], /--name: Name the token/],
    [
      ['token', 'create', '--email', 'a@example.org', '--name', 'CI', '--expires-days', 'soon'],
      /--expires-days: Use a whole number of days/,
    ],
    [['token', 'revoke', '--email', 'a@example.org'], /--id: Give the id of the token/],
  ])('refuses %j with a usage message and exit 2', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('Usage: npm run warrant');
  });

  it('creates, lists, resets, disables and enables accounts', async () => {
    expect(
      (
        await cli(
          'user',
          'create',
          '--email',
          'Ops@Example.org',
          '--password',
          'first password',
          '--name',
          'Ops',
          '--admin',
        )
      ).code,
    ).toBe(0);
    expect((await cli('user', 'list')).out).toMatch(/^ops@example\.org\tOps\t\d{4}-\d\d-\d\d\tadmin$/);
    expect(
      (await cli('user', 'create', '--email', 'ops@example.org', '--password', 'first password')).code,
    ).toBe(1);
    expect(
      (await cli('user', 'reset-password', '--email', 'ops@example.org', '--password', 'second password'))
        .code,
    ).toBe(0);
    expect(
      (
        await signInWithPassword(store, {
          email: 'ops@example.org',
          password: 'second password',
          ip: '127.0.0.1',
        })
      ).ok,
    ).toBe(true);
    // The only administrator: disabling needs --force (see the next test).
    expect((await cli('user', 'disable', '--email', 'ops@example.org', '--force')).code).toBe(0);
    expect((await cli('user', 'list')).out).toContain('disabled');
    expect(
      (
        await signInWithPassword(store, {
          email: 'ops@example.org',
          password: 'second password',
          ip: '127.0.0.1',
        })
      ).ok,
    ).toBe(false);
    expect((await cli('user', 'enable', '--email', 'ops@example.org')).code).toBe(0);
    const missing = await cli('user', 'disable', '--email', 'nobody@example.org');
    expect(missing).toMatchObject({ code: 1, err: 'No account has the email nobody@example.org.' });
  });

  it('promotes and demotes administrators, keeping the last active one unless forced', async () => {
    await cli('user', 'create', '--email', 'lead@example.org', '--password', 'lead password', '--admin');
    await cli('user', 'create', '--email', 'deputy@example.org', '--password', 'deputy password');

    const lastDisable = await cli('user', 'disable', '--email', 'lead@example.org');
    expect(lastDisable).toMatchObject({ code: 1 });
    expect(lastDisable.err).toMatch(/last active administrator.*user promote.*--force/);
    const lastDemote = await cli('user', 'demote', '--email', 'lead@example.org');
    expect(lastDemote).toMatchObject({ code: 1 });
    expect(lastDemote.err).toMatch(/last active administrator/);

    const promoted = await cli('user', 'promote', '--email', 'Deputy@Example.org');
    expect(promoted).toMatchObject({ code: 0, out: 'deputy@example.org is now an administrator.' });
    expect((await cli('user', 'promote', '--email', 'deputy@example.org')).out).toBe(
      'deputy@example.org is an administrator already.',
    );
    expect((await cli('user', 'list')).out).toMatch(/deputy@example\.org\tdeputy\t[\d-]+\tadmin/);
    expect((await cli('user', 'demote', '--email', 'lead@example.org')).out).toBe(
      'lead@example.org is no longer an administrator.',
    );
    expect((await cli('user', 'demote', '--email', 'deputy@example.org')).code).toBe(1);
    expect((await cli('user', 'demote', '--email', 'deputy@example.org', '--force')).code).toBe(0);
    expect((await cli('user', 'list')).out).not.toContain('admin');
    // Sign-up stays by invitation: the instance was initialised by its first administrator.
    expect(await getSignUpMode(store)).toBe('invite-only');
    expect((await cli('user', 'promote', '--email', 'ghost@example.org')).err).toBe(
      'No account has the email ghost@example.org.',
    );
  });

  it.each([
    [['user', 'promote'], /--email: /],
    [['user', 'promote', '--email', 'a@example.org', '--force'], /--force is for disable and demote only/],
  ])('refuses %j with a usage message', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('creates a workspace for an existing owner only', async () => {
    await cli('user', 'create', '--email', 'lead@example.org', '--password', 'lead password');
    const ok = await cli('workspace', 'create', '--name', 'Sahel desk', '--owner', 'lead@example.org');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Created workspace "Sahel desk"/);
    expect((await cli('workspace', 'create', '--name', 'X', '--owner', 'ghost@example.org')).code).toBe(1);
  });

  it('backs up the database to a new file that opens with the same data', async () => {
    await cli('user', 'create', '--email', 'kept@example.org', '--password', 'kept password');
    const target = path.join(dir, `backup-${n}.db`);
    expect((await cli('backup', target)).code).toBe(0);
    const copy = openSqliteStore({ file: target });
    try {
      expect((await listUsers(copy)).map((u) => u.email)).toEqual(['kept@example.org']);
    } finally {
      await copy.close();
    }
    const again = await cli('backup', target);
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists already');
  });

  it('creates, lists and revokes API tokens; the token is printed once', async () => {
    await cli('user', 'create', '--email', 'bot@example.org', '--password', 'bot password');
    const made = await cli(
      'token',
      'create',
      '--email',
      'bot@example.org',
      '--name',
      'Nightly',
      '--expires-days',
      '30',
    );
    expect(made.code).toBe(0);
    const lines = made.out.split('\n');
    expect(lines[0]).toMatch(
      /^Created token "Nightly" \(([0-9a-f-]{36})\) for bot@example\.org, expires \d{4}-\d\d-\d\d\.$/,
    );
    const token = lines.at(-1)!;
    expect(token).toMatch(/^wrn_/);
    expect(await resolveApiToken(store, token)).not.toBeNull();
    const id = /\(([0-9a-f-]{36})\)/.exec(lines[0]!)![1]!;

    const listed = await cli('token', 'list', '--email', 'bot@example.org');
    expect(listed.out).toContain(`${id}\tNightly\t${token.slice(0, 8)}…`);
    expect(listed.out).toMatch(/\tactive$/);
    expect(listed.out).not.toContain(token);

    expect((await cli('token', 'revoke', '--email', 'bot@example.org', '--id', id)).code).toBe(0);
    expect(await resolveApiToken(store, token)).toBeNull();
    expect((await cli('token', 'list', '--email', 'bot@example.org')).out).toMatch(/\trevoked$/);
    const again = await cli('token', 'revoke', '--email', 'bot@example.org', '--id', id);
    expect(again).toMatchObject({ code: 1, err: 'This token does not exist or was revoked already.' });
    expect((await cli('token', 'list', '--email', 'ghost@example.org')).code).toBe(1);
  });
});
