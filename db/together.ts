// Independent statements of one transaction, sent together: postgres.js pipelines the queries issued on a
// connection while an earlier one is still in flight, so they share one round trip instead of one each.

/**
 * Runs statements that do not read each other's writes all at once, and fails as running them one after
 * another would: with the error of the first (in argument order) that failed. The later ones then failed
 * only because PostgreSQL aborted the transaction, and nothing of any of them is kept. Drizzle's queries
 * are lazy, so pass the queries themselves (or calls that issue them), not functions.
 */
export async function together<const T extends readonly PromiseLike<unknown>[]>(...statements: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  const values: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    values.push(outcome.value);
  }
  return values as { -readonly [K in keyof T]: Awaited<T[K]> };
}
