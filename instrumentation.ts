// Runs once when the server starts: fail fast on a bad environment, and open (and migrate) the database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./server/env');
  const { authSecret } = await import('./server/auth/secret');
  authSecret();
  if (!env.DATABASE_URL) {
    const { getDbHandle } = await import('./db');
    await getDbHandle();
  }
}
