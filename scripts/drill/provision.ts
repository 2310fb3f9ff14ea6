/**
 * Makes a drill's administrator, workspace and API token with the admin CLI's own commands, in one
 * process (three `npm run warrant` calls would each pay for a start), and prints them as JSON.
 * Usage: DATABASE_PATH=… tsx scripts/drill/provision.ts EMAIL PASSWORD
 */
import { runCli } from '../cli';

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  if (code !== 0)
    throw new Error(`warrant ${args.slice(0, 2).join(' ')} failed (${code}): ${err.join('\n')}`);
  return out.join('\n');
}

async function main() {
  const [email, password] = process.argv.slice(2);
  if (!email || !password) throw new Error('Usage: provision.ts EMAIL PASSWORD');
  await cli(['user', 'create', '--email', email, '--password', password, '--admin']);
  const made = await cli(['workspace', 'create', '--name', 'Durability drill', '--owner', email]);
  const issued = await cli(['token', 'create', '--email', email, '--name', 'drill']);
  const workspaceId = /\(([^)\s]+)\) owned by/.exec(made)?.[1];
  const token = /^(wrn_\S+)$/m.exec(issued)?.[1];
  if (!workspaceId || !token) throw new Error(`Unexpected CLI output:\n${made}\n${issued}`);
  console.log(JSON.stringify({ workspaceId, token }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
