#!/usr/bin/env node
/**
 * `npm start`: builds Warrant when there is no build of the current sources, then serves it on
 * PORT (default 3000), from one process or, with WARRANT_PROCESSES=N, from N processes sharing the
 * port (./processes.mjs). Migrations, the demo seed and the session secret are handled by
 * instrumentation.ts when a server process starts.
 */
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProcessCount, superviseWorkers } from './processes.mjs';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const SKIP = /(^|\/)(node_modules|\.next)(\/|$)|\.test\.tsx?$/;

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) {
    for (const name of readdirSync(p).sort()) yield* files(path.join(p, name));
  } else if (!SKIP.test(path.relative(root, p))) {
    yield p;
  }
}

/** A digest of everything the build depends on. */
export function sourceFingerprint() {
  const hash = createHash('sha256');
  for (const entry of SOURCES) {
    for (const file of files(path.join(root, entry))) {
      hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

/** Builds when the build is missing or older than the sources. */
function buildIfNeeded() {
  const stamp = path.join(root, '.next', 'warrant-source-fingerprint');
  const fingerprint = sourceFingerprint();
  const built =
    existsSync(path.join(root, '.next', 'BUILD_ID')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === fingerprint;

  if (!built) {
    console.log('Building Warrant (first start or changed sources; about a minute)…');
    const result = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) {
      console.error('The build failed; see the messages above.');
      process.exit(result.status ?? 1);
    }
    writeFileSync(stamp, fingerprint);
  }
}

const processes = parseProcessCount(process.env.WARRANT_PROCESSES);
if (cluster.isPrimary) {
  if (processes.error) {
    console.error(processes.error);
    process.exit(1);
  }
  buildIfNeeded();
}

const port = Number(process.env.PORT || 3000);
process.env.NODE_ENV = 'production';
// HOST=127.0.0.1 serves on the loopback address only (the default is every address).
const host = process.env.HOST || undefined;
const address = `http://${host ?? 'localhost'}:${port}`;

if (cluster.isPrimary && processes.count > 1) {
  superviseWorkers({ count: processes.count, address });
} else {
  await serve();
}

/** Serves the app from this process (the only one, or one of the workers). */
async function serve() {
  // A small custom server around Next. The client address and origin must never come from
  // headers a client sends: instrumentation.ts installs a guard (lib/forwarded-headers.ts) that
  // rewrites X-Forwarded-* and X-Real-IP on every request of this process before Next sees them
  // (kept, with the socket address appended, only when TRUST_PROXY=true). Plain `next start` gets
  // the same guard; this server only checks that it is in place.
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, port });
  await app.prepare();
  if (!globalThis[Symbol.for('warrant.forwarded-headers.installed')]) {
    console.error(
      'The forwarding header guard is not installed (instrumentation.ts did not run); not serving.',
    );
    process.exit(1);
  }
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => handle(req, res));
  server.listen(port, host, () => {
    // Workers are counted by the primary, which says when all of them are ready.
    if (cluster.isPrimary) console.log(`Warrant is ready at ${address}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}
