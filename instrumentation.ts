// Runs once when the server starts, before it answers any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { restoreReaderTagExpiry } = await import('./lib/reader-cache-restore');
  restoreReaderTagExpiry();
}
