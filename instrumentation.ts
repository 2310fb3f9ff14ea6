/** Runs once when the server starts: database, migrations, session secret, demo seed. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootstrapOrExit } = await import('./db/bootstrap');
  await bootstrapOrExit();
}
