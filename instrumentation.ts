// Runs once when the server starts (server/startup.ts): the peer address of each request, a bad environment
// stopping the server, the embedded database opened. Node.js only; kept apart so the edge build sees no Node APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./server/startup');
  await startServer();
}
