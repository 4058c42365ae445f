// The background job queues (pg-boss) as database objects: their schema, installed with the migrations
// on either database, and the SQL adapters pg-boss runs through (the app's own connection, or a transaction).
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './index';

/** pg-boss's own schema, beside the app's `public`. */
export const JOBS_SCHEMA = 'pgboss';

/** What pg-boss needs from a database: one SQL text with positional parameters at a time. */
export type JobsDb = PgBoss.Db;

/**
 * Every queue, with its retry rule. Created (idempotently) with the migrations: a job sent to a queue that
 * does not exist is silently dropped by pg-boss, so no path may send before they exist.
 */
export const QUEUES = {
  /** One delivery of one notification on one channel (email, push). */
  deliver: { name: 'deliver', retryLimit: 12, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  /** An urgent alert's next escalation round, sent with a start time one window away. */
  escalate: { name: 'escalate', retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  /** Recurring, every 5 minutes: the alerts time alone raises (missed check-ins, rescue medication taken too often). */
  alertSweep: { name: 'alert-sweep', retryLimit: 1, retryDelay: 60, retryBackoff: false, expireInSeconds: 600 },
  /** Recurring, every minute: patients' check-in and dose-change reminders that are due. */
  reminders: { name: 'reminders', retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 300 },
  /** Recurring, every minute: clinicians' daily digests that are due. */
  digests: { name: 'digests', retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 300 },
} as const satisfies Record<string, PgBoss.Queue>;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

/** Plain objects go over the wire as JSON text (pg-boss's `data`); arrays, dates and scalars as they are. */
export function jobParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}

/**
 * A value written into pg-boss's SQL. Text goes in as a scalar subquery: a bare literal would be cast where
 * it is parsed, also in a CASE arm that is never taken (pg-boss casts its start time both to a timestamp
 * and to an interval and picks one at run time). Numbers, booleans and null go in as they are.
 */
export function sqlLiteral(value: unknown): string {
  const param = jobParam(value);
  if (param === null) return 'NULL';
  if (typeof param === 'number') {
    if (!Number.isFinite(param)) throw new Error('a job parameter is not a finite number');
    return String(param);
  }
  if (typeof param === 'boolean') return param ? 'true' : 'false';
  if (Array.isArray(param)) throw new Error('array parameters are not sent through a transaction');
  const text = param instanceof Date ? param.toISOString() : String(param);
  return `(select '${text.replaceAll("'", "''")}'::text)`;
}

/**
 * pg-boss's SQL with its `$n` parameters written in as literals: pg-boss names one parameter several times
 * with different casts, which drizzle's one-placeholder-per-value queries cannot express.
 */
export function inlineParameters(text: string, values: readonly unknown[] = []): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(values[Number(n) - 1]));
}

/**
 * A pg-boss database over a drizzle handle or transaction: a job sent through it is written in that
 * transaction, so it exists exactly when the change that needed it commits.
 */
export function drizzleJobsDb(db: DbOrTx): JobsDb {
  return {
    async executeSql(text, values) {
      const result = (await db.execute(sql.raw(inlineParameters(text, values ?? [])))) as unknown;
      const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
      return { rows };
    },
  };
}

/** pg-boss used only to write jobs through a given JobsDb (never started, so it opens no connection). */
let writer: PgBoss | undefined;
function jobWriter(): PgBoss {
  writer ??= new PgBoss({
    schema: JOBS_SCHEMA,
    db: { executeSql: () => Promise.reject(new Error('jobs are sent through a transaction')) },
  });
  return writer;
}

/** Sends a job in the caller's transaction. Throws when the queue is missing (pg-boss would drop it silently). */
export async function sendJob(db: DbOrTx, queue: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string> {
  const id = await jobWriter().send(queue, data, { ...options, db: drizzleJobsDb(db) });
  if (!id) throw new Error(`The job queue "${queue}" is missing: run the migrations.`);
  return id;
}

/** Installs or upgrades pg-boss's schema and creates the queues; safe to run again and from many processes. */
export async function installJobSchema(jobsDb: JobsDb): Promise<void> {
  const boss = new PgBoss({ schema: JOBS_SCHEMA, db: jobsDb, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const queue of Object.values(QUEUES)) {
      if (existing.has(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
    }
  } finally {
    await boss.stop({ graceful: false, close: false, wait: true });
  }
}
