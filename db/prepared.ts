// Hot queries are prepared once (unprepared Drizzle queries are several times slower), but on
// first use rather than at import, so importing a query module never needs the tables to exist
// yet (the setup script imports them before it migrates).
export function prepareOnFirstUse<T>(build: () => T): () => T {
  let statement: T | undefined;
  return () => (statement ??= build());
}
