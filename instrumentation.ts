/** Runs once when the server starts: database, migrations, session secret, demo seed. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootstrap } = await import('./db/bootstrap');
  try {
    await bootstrap();
  } catch (error) {
    console.error(`Warrant could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
