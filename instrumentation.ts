/**
 * Runs once when the server starts (`npm start` and plain `next start` alike): the forwarding
 * header guard first, so no request reaches Next with a client's X-Forwarded-* headers, then
 * the server's store (app/_server/store.ts), migrations, session secret and demo seed.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const trustProxy = process.env.TRUST_PROXY === 'true';
  const { installForwardedHeaderGuard } = await import('./lib/forwarded-headers');
  installForwardedHeaderGuard({ trustProxy });
  // next-auth may read its origin from X-Forwarded-Host/Proto only behind a trusted proxy.
  if (trustProxy) process.env.AUTH_TRUST_HOST ??= 'true';
  else if (process.env.AUTH_TRUST_HOST) {
    console.warn(
      'AUTH_TRUST_HOST is ignored: set TRUST_PROXY=true when Warrant runs behind a reverse proxy.',
    );
    delete process.env.AUTH_TRUST_HOST;
  }
  const { sessionPolicy } = await import('./lib/session-policy');
  try {
    sessionPolicy(); // a mistyped SESSION_* variable stops the start with a clear message
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // The server's one store, handed to the start-up (and later to every request by appStore()).
  const { appStore } = await import('./app/_server/store');
  const { bootstrapOrExit } = await import('./db/bootstrap');
  await bootstrapOrExit(appStore);
}
