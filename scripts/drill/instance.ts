/**
 * A Warrant instance for a drill: an administrator, a workspace and an API token made with the
 * admin CLI, a document imported over the REST API, then clients that make claims on it over
 * HTTP, each recording what it sent and what the server answered (the ledger).
 */
import type { Attempt, FoundClaim } from './ledger';
import { startServer, tsxScript, type Server } from './processes';

export const DRILL_EMAIL = 'drill-admin@warrant.test';
const DRILL_PASSWORD = 'a long drill password';

export interface Credentials {
  token: string;
  workspaceId: string;
}

/** Administrator, workspace and token, made with the CLI's commands before the server starts. */
export async function makeCredentials(databasePath: string): Promise<Credentials> {
  const r = await tsxScript('scripts/drill/provision.ts', [DRILL_EMAIL, DRILL_PASSWORD], {
    DATABASE_PATH: databasePath,
  });
  if (r.code !== 0) throw new Error(`Could not make the drill's account (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Credentials;
}

/** A field report written for the drills: `paragraphs` paragraphs, each with its own marker. */
export function drillReport(paragraphs: number): string {
  const lines = [];
  for (let i = 0; i < paragraphs; i++) {
    lines.push(
      `Entry ${markerOf(i)}: the field team logged ${i + 3} trucks at the river crossing before noon, ` +
        `and the second observer counted fewer; the log notes the weather and who relayed the count.`,
    );
  }
  return lines.join('\n\n');
}

/** Fixed width, so that no marker is the start of another (a quote found twice is refused). */
export function markerOf(i: number): string {
  return `marker-${String(i).padStart(6, '0')}`;
}

async function api(baseUrl: string, token: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Imports the drill report (plain text) and returns the document's id. */
export async function importReport(baseUrl: string, creds: Credentials, paragraphs: number): Promise<string> {
  const doc = await api(baseUrl, creds.token, 'POST', `/workspaces/${creds.workspaceId}/documents`, {
    title: 'Drill field report',
    format: 'text',
    content: drillReport(paragraphs),
  });
  return String(doc.id);
}

/** The drill's claims on the document, as the API lists them (throws unless 200). */
export async function claimsOverApi(
  baseUrl: string,
  token: string,
  documentId: string,
): Promise<FoundClaim[]> {
  const body = (await api(baseUrl, token, 'GET', `/documents/${documentId}/claims`)) as {
    claims: FoundClaim[];
  };
  return body.claims.map(({ id, statement }) => ({ id, statement }));
}

function idOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { id?: string }).id;
  } catch {
    return undefined;
  }
}

export interface Writers {
  /** Asks every client to stop after its current write. */
  stop(): void;
  /** Every attempt, once all clients have stopped. */
  done: Promise<Attempt[]>;
  acknowledged(): number;
}

/**
 * `clients` clients, each making up to `maxEach` claims one after another (the next only after
 * an answer); a client stops at its first write without an answer (the server is gone, or the
 * connection failed: a write is never sent twice, since the first may have been committed).
 */
export function startWriters({
  baseUrl,
  token,
  documentId,
  label,
  clients = 10,
  maxEach = 400,
  markers,
  ledger,
}: {
  baseUrl: string;
  token: string;
  documentId: string;
  label: string;
  clients?: number;
  maxEach?: number;
  markers: number;
  ledger: Attempt[];
}): Writers {
  let stopped = false;
  let acknowledged = 0;
  const client = async (c: number) => {
    for (let seq = 1; seq <= maxEach && !stopped; seq++) {
      const statement = `${label}: client ${c} write ${seq}`;
      const attempt: Attempt = { statement, client: c, seq, sentAt: Date.now(), outcome: 'unanswered' };
      ledger.push(attempt);
      try {
        const res = await fetch(`${baseUrl}/api/v1/documents/${documentId}/claims`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            statement,
            type: 'Event',
            kind: 'reported',
            target: { selector: { exact: markerOf((c * 7919 + seq) % markers) } },
          }),
          signal: AbortSignal.timeout(60_000),
        });
        // The status counts as the answer: a 201 whose body is cut short by the kill was still
        // acknowledged (the server commits before it answers), so it must be found by statement.
        attempt.status = res.status;
        attempt.answeredAt = Date.now();
        attempt.outcome = res.ok ? 'acknowledged' : 'refused';
        if (res.ok) acknowledged++;
        const body = await res.text().catch(() => '');
        if (res.ok) attempt.id = idOf(body);
      } catch (error) {
        attempt.error = error instanceof Error ? String(error.cause ?? error.message) : String(error);
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, i) => client(i + 1))).then(() => ledger);
  return { stop: () => (stopped = true), done, acknowledged: () => acknowledged };
}

/**
 * A new instance: credentials with the CLI, then the server, then the report imported over the
 * API (`paragraphs` paragraphs). Says how long each step took.
 */
export async function setUpInstance({
  databasePath,
  port,
  logFile,
  paragraphs,
  log,
}: {
  databasePath: string;
  port: number;
  logFile: string;
  paragraphs: number;
  log: (line: string) => void;
}): Promise<{ creds: Credentials; server: Server; documentId: string }> {
  const t0 = Date.now();
  const creds = await makeCredentials(databasePath);
  const t1 = Date.now();
  const server = await startServer({ databasePath, port, logFile });
  const t2 = Date.now();
  const documentId = await importReport(server.baseUrl, creds, paragraphs);
  log(
    `set up: account, workspace and token with the CLI ${t1 - t0} ms, server start ${t2 - t1} ms, ` +
      `import of ${paragraphs} paragraphs ${Date.now() - t2} ms`,
  );
  return { creds, server, documentId };
}
