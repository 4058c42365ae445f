// Independent statements of one transaction, sent together: postgres.js pipelines the queries issued on a
// connection while an earlier one is still in flight, so they share one round trip instead of one each.
import { findErrorCode } from '~/server/errors';

/** PostgreSQL's answer to every statement after one failed in the same transaction. */
const IN_FAILED_TRANSACTION = '25P02';

/**
 * Runs statements that neither read nor depend on each other's writes all at once, and fails as running them
 * one after another would: with the error that aborted the transaction, not the "transaction is aborted"
 * answers the others then got (and nothing of any of them is kept). The order they reach PostgreSQL in is
 * not the argument order (an async function's first query goes out before a lazy Drizzle query passed
 * beside it), which is why they must be independent. The answers come back in argument order.
 */
export async function together<const T extends readonly PromiseLike<unknown>[]>(...statements: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length) {
    throw failures.find((error) => findErrorCode(error, (code) => code === IN_FAILED_TRANSACTION) === undefined) ?? failures[0];
  }
  return settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined)) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
