/**
 * The admin CLI (`npm run warrant -- …`), for people who run the server. Each run opens the store
 * of DATABASE_PATH (default ./data/warrant.db) once, applies migrations first, passes the store to
 * every data-layer call and closes it before it answers. It is safe to use while the server runs
 * (SQLite WAL, busy timeout, every write in a transaction of its own).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isPostgresUrl, redactUrl } from '@/db/engines/postgres';
import { databasePath } from '@/db/engines/sqlite';
import { copySqliteToPostgres } from '@/db/engines/sqlite-to-postgres';
import { openStore } from '@/db/open';
import type { Store } from '@/db/store';
import { createUser, listUsers, resetPassword, setUserDisabled } from '@/db/queries/accounts';
import { setAdministrator } from '@/db/queries/administrators';
import {
  createApiTokenForEmail,
  listApiTokensForEmail,
  revokeApiTokenForEmail,
} from '@/db/queries/api-tokens';
import { createWorkspaceForOwner } from '@/db/queries/workspaces';
import { apiTokenInputSchema } from '@/lib/api/token-input';
import { describePasswordChange } from '@/lib/password-change';
import { isAppError } from '@/lib/errors';
import {
  emailSchema,
  fieldErrors,
  passwordSchema,
  personNameSchema,
  workspaceNameSchema,
} from '@/lib/validation';

export const USAGE = `Warrant admin CLI — works on the database of DATABASE_URL or DATABASE_PATH (now: %DB%)

Usage: npm run warrant -- <command> [options]

Commands:
  user create --email E --password P [--name N] [--admin]   create an account
  user reset-password --email E --password P               set a new password; ends its sessions
  user disable --email E [--force]                         disable an account; ends its sessions
                                                           (--force: even the last active administrator)
  user enable --email E                                    enable a disabled account
  user promote --email E                                   make an account an administrator
  user demote --email E [--force]                          remove administrator rights
                                                           (--force: even the last active administrator)
  user list                                                list accounts
  workspace create --name N --owner E                      create a workspace owned by E
  token create --email E --name N [--expires-days D]       make an API token for E (printed once)
  token list --email E                                     list E's API tokens
  token revoke --email E --id ID                           revoke one of E's API tokens
  backup FILE                                              online backup of the database to FILE
                                                           (SQLite; on PostgreSQL use pg_dump)
  migrate-to-postgres --from FILE --to URL                 copy a SQLite database into an empty
                                                           PostgreSQL database, checked before commit
  --help                                                   show this help

Exit status: 0 on success, 2 on wrong arguments, 1 when the command fails.`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

const OPTIONS = {
  email: { type: 'string' },
  password: { type: 'string' },
  name: { type: 'string' },
  owner: { type: 'string' },
  admin: { type: 'boolean' },
  force: { type: 'boolean' },
  id: { type: 'string' },
  'expires-days': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const messages = Object.entries(fieldErrors(result.error)).map(
      ([field, m]) => `--${field}: ${m.join(' ')}`,
    );
    throw new UsageError(messages.join('\n'));
  }
  return result.data;
}

const userCreate = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: personNameSchema.optional(),
  admin: z.boolean().optional(),
});
const emailAndPassword = z.object({ email: emailSchema, password: passwordSchema });
const emailOnly = z.object({ email: emailSchema });
const emailAndForce = z.object({ email: emailSchema, force: z.boolean().optional() });
const workspaceCreate = z.object({ name: workspaceNameSchema, owner: emailSchema });
const tokenCreate = z.object({
  email: emailSchema,
  name: apiTokenInputSchema.shape.name,
  'expires-days': apiTokenInputSchema.shape.expiresInDays,
});
const tokenRevoke = z.object({
  email: emailSchema,
  id: z.string({ error: 'Give the id of the token (see token list).' }).trim().min(1).max(100),
});
const migrateToPostgres = z.object({
  from: z.string({ error: 'Give the SQLite file to copy: --from FILE.' }).trim().min(1),
  to: z
    .string({ error: 'Give the PostgreSQL database to copy into: --to postgres://…' })
    .trim()
    .refine(isPostgresUrl, 'Give a postgres:// or postgresql:// URL.'),
});
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

async function migrateCommand(
  values: Record<string, unknown>,
  extra: string[],
  usage: string,
  io: Io,
): Promise<number> {
  try {
    if (extra.length) throw new UsageError(`Unexpected argument: ${extra.join(' ')}`);
    const o = parse(migrateToPostgres, { from: values.from, to: values.to });
    const file = path.resolve(o.from);
    if (!existsSync(file)) throw new UsageError(`No SQLite database at ${file}.`);
    io.out(`Copying ${file} into ${redactUrl(o.to)}…`);
    const report = await copySqliteToPostgres(file, o.to, { log: (line) => io.out(`  ${line}`) });
    const rows = report.tables.reduce((n, t) => n + t.rows, 0);
    const sampled = report.tables.reduce((n, t) => n + t.sampled, 0);
    io.out(
      `Copied ${rows} rows in ${report.tables.length} tables in ${(report.ms / 1000).toFixed(1)} s; ` +
        `checked every table's count and ${sampled} rows value by value.`,
    );
    io.out(`Now start Warrant with DATABASE_URL=${redactUrl(o.to)} (see docs/operations.md).`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${usage}`);
      return 2;
    }
    io.err(`Failed, nothing was copied: ${(error as Error).message}`);
    return 1;
  }
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const url = process.env.DATABASE_URL?.trim();
  const usage = USAGE.replace('%DB%', url ? redactUrl(url) : databasePath());
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [group, command, ...rest] = positionals;
  if (values.help || positionals.length === 0) {
    (values.help ? io.out : io.err)(usage);
    return values.help ? 0 : 2;
  }
  if (group === 'migrate-to-postgres') return migrateCommand(values, positionals.slice(1), usage, io);
  let store: Store | undefined;
  try {
    store = openStore();
    await store.migrate();
    const key = group === 'backup' ? 'backup' : `${group} ${command ?? ''}`.trim();
    if (values.force && !['user disable', 'user demote'].includes(key)) {
      throw new UsageError('--force is for disable and demote only.');
    }
    const extra = group === 'backup' ? positionals.slice(2) : rest;
    if (extra.length) throw new UsageError(`Unexpected argument: ${extra.join(' ')}`);
    switch (key) {
      case 'user create': {
        const o = parse(userCreate, values);
        await createUser(store, { email: o.email, password: o.password, name: o.name, isAdmin: o.admin });
        io.out(`Created ${o.admin ? 'administrator' : 'account'} ${o.email}.`);
        return 0;
      }
      case 'user reset-password': {
        const o = parse(emailAndPassword, values);
        const ended = await resetPassword(store, o);
        io.out(describePasswordChange(`New password set for ${o.email}`, ended, 'session'));
        return 0;
      }
      case 'user disable':
      case 'user enable': {
        const o = parse(emailAndForce, values);
        const disabled = command === 'disable';
        await setUserDisabled(store, { actor: null, email: o.email, disabled, force: disabled && o.force });
        io.out(`${disabled ? 'Disabled' : 'Enabled'} ${o.email}.`);
        return 0;
      }
      case 'user promote':
      case 'user demote': {
        const o = parse(emailAndForce, values);
        const admin = command === 'promote';
        const { changed } = await setAdministrator(store, {
          actor: null,
          email: o.email,
          admin,
          force: o.force,
        });
        io.out(
          admin
            ? `${o.email} ${changed ? 'is now' : 'is'} an administrator${changed ? '' : ' already'}.`
            : `${o.email} ${changed ? 'is no longer' : 'was not'} an administrator.`,
        );
        return 0;
      }
      case 'user list': {
        const users = await listUsers(store);
        if (users.length === 0) io.out('No accounts.');
        for (const u of users) {
          const flags = [u.isAdmin && 'admin', u.isDemo && 'demo', u.disabled && 'disabled']
            .filter(Boolean)
            .join(', ');
          io.out(
            `${u.email}\t${u.name}\t${u.createdAt.toISOString().slice(0, 10)}${flags ? `\t${flags}` : ''}`,
          );
        }
        return 0;
      }
      case 'workspace create': {
        const o = parse(workspaceCreate, values);
        const { workspaceId } = await createWorkspaceForOwner(store, { name: o.name, ownerEmail: o.owner });
        io.out(`Created workspace "${o.name}" (${workspaceId}) owned by ${o.owner}.`);
        return 0;
      }
      case 'token create': {
        const o = parse(tokenCreate, values);
        const { token, apiToken } = await createApiTokenForEmail(store, {
          email: o.email,
          name: o.name,
          expiresInDays: o['expires-days'],
        });
        io.out(
          `Created token "${apiToken.name}" (${apiToken.id}) for ${o.email}, expires ${day(apiToken.expiresAt)}.`,
        );
        io.out('Copy it now: it is not shown again.');
        io.out(token);
        return 0;
      }
      case 'token list': {
        const o = parse(emailOnly, values);
        const tokens = await listApiTokensForEmail(store, { email: o.email });
        if (tokens.length === 0) io.out('No tokens.');
        for (const t of tokens) {
          io.out(
            [
              t.id,
              t.name,
              `${t.prefix}…`,
              `created ${day(t.createdAt)}`,
              `last used ${day(t.lastUsedAt)}`,
              `expires ${day(t.expiresAt)}`,
              t.status,
            ].join('\t'),
          );
        }
        return 0;
      }
      case 'token revoke': {
        const o = parse(tokenRevoke, values);
        const t = await revokeApiTokenForEmail(store, { email: o.email, tokenId: o.id });
        io.out(`Revoked token "${t.name}" (${t.prefix}…) of ${o.email}.`);
        return 0;
      }
      case 'backup': {
        const target = command;
        if (!target) throw new UsageError('backup needs a FILE to write.');
        const file = path.resolve(target);
        if (existsSync(file)) throw new UsageError(`${file} exists already; choose a new file name.`);
        await store.backup(file);
        io.out(`Backed up ${store.location} to ${file}.`);
        return 0;
      }
      default:
        throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (isAppError(error)) {
      io.err(error.message);
      return 1;
    }
    io.err(`Failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await store?.close();
  }
}
