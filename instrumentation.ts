/** Runs once when the server starts: database, migrations, demo seed, session secret. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootstrap } = await import('./db/bootstrap');
  await bootstrap({ seed: true });
}
