// How many procedure calls one tRPC request may carry: the server refuses more, the browser's batch link splits.

/**
 * A page of this app batches a handful of queries at once; an attacker batched 500 invite acceptances (5.6 s
 * of hashing in one request) and 1,000 reads. Ten is above what any page needs and keeps one request's
 * work small; the browser's client (app/_trpc/client.tsx) sends bigger batches as several requests.
 */
export const MAX_BATCH_CALLS = 10;
