// The background worker: pg-boss on the app's database (its own schema on PostgreSQL; the app's own
// connection on the embedded database), the recurring jobs, and the handlers, each of which calls a service.
// Any number of processes may run it against one database: pg-boss hands each job to one of them.
import 'server-only';
import PgBoss from 'pg-boss';
import type { DbHandle } from '~/db';
import { installJobSchema, JOBS_SCHEMA, QUEUES } from '~/db/jobs';
import { runAlertSweep } from '~/server/alerts/sweep';
import { env } from '~/server/env';
import { escalateAlert } from '~/server/notify/alerts';
import { deliverNotice, DeliveryRetry, type DeliverOptions } from '~/server/notify/deliver';
import { sendPushNotice } from '~/server/notify/push-channel';
import { digestCounts, runDigests, runPatientReminders } from '~/server/notify/reminders';

export interface WorkerOptions {
  /** Also poll and run jobs (false: only make sure the schema and schedules exist). */
  work: boolean;
  /** Overrides for tests: where email goes, how often to poll (the recurring queues too, when set). */
  smtpUrl?: string;
  pollingIntervalSeconds?: number;
  deliverWorkers?: number;
  push?: DeliverOptions['push'];
  digestCounts?: DeliverOptions['digestCounts'];
}

export interface Worker {
  boss: PgBoss;
  stop: () => Promise<void>;
}

/**
 * Recurring jobs (cron in UTC; each handler works out local times itself). The alert sweep is the only
 * thing that raises missed check-in and rescue medication alerts: every five minutes, so an alert reaches
 * the team (and its notices go out) at most five minutes after it is due; the triage list shows a missed
 * check-in from the check-ins meanwhile.
 */
export const SCHEDULES: { queue: string; cron: string }[] = [
  { queue: QUEUES.alertSweep.name, cron: '*/5 * * * *' },
  { queue: QUEUES.reminders.name, cron: '* * * * *' },
  { queue: QUEUES.digests.name, cron: '* * * * *' },
];

function logError(error: unknown) {
  // The kind and message only: job data (ids) is not logged, and no handler puts health data in an error.
  const e = error as Error;
  console.error(`[worker] ${e.name}: ${String(e.message).slice(0, 200)}`);
}

export async function startWorker(handle: DbHandle, options: WorkerOptions): Promise<Worker> {
  await installJobSchema(handle.jobsDb);
  const common = { schema: JOBS_SCHEMA, migrate: false, supervise: options.work, schedule: options.work };
  const boss =
    handle.kind === 'postgres' && env.DATABASE_URL
      ? new PgBoss({ ...common, connectionString: env.DATABASE_URL, max: env.JOBS_POOL_MAX, application_name: 'taperline-worker' })
      : new PgBoss({ ...common, db: handle.jobsDb });
  boss.on('error', logError);
  await boss.start();
  if (options.work) {
    for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: 'UTC' });
    const polling = options.pollingIntervalSeconds ?? env.JOBS_POLL_SECONDS;
    const deliverOptions: Omit<DeliverOptions, 'final'> = {
      smtpUrl: options.smtpUrl,
      push: options.push ?? sendPushNotice,
      digestCounts: options.digestCounts ?? ((db, userId) => digestCounts(db, userId)),
    };
    // A batch at a time, sent side by side; a delivery that fails is failed on its own (pg-boss retries it
    // with backoff) and the rest of the batch completes.
    for (let i = 0; i < (options.deliverWorkers ?? 1); i++) {
      await boss.work<{ deliveryId: string }>(
        QUEUES.deliver.name,
        { pollingIntervalSeconds: polling, batchSize: 10, includeMetadata: true },
        async (jobs) => {
          await Promise.all(
            jobs.map(async (job) => {
              try {
                await deliverNotice(handle.db, job.data.deliveryId, { ...deliverOptions, final: job.retryCount >= job.retryLimit });
              } catch (error) {
                if (!(error instanceof DeliveryRetry)) logError(error);
                await boss.fail(QUEUES.deliver.name, job.id, { error: error instanceof DeliveryRetry ? error.message : (error as Error).name });
              }
            }),
          );
        },
      );
    }
    await boss.work<{ alertId: string; round: number }>(QUEUES.escalate.name, { pollingIntervalSeconds: Math.max(polling, 2) }, async ([job]) => {
      if (job) await escalateAlert(handle.db, job.data);
    });
    // A recurring job waits at most this long after its cron fires: a minute's schedule needs no faster poll.
    const recurring = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 };
    await boss.work(QUEUES.alertSweep.name, recurring, async () => {
      await runAlertSweep(handle.db);
    });
    await boss.work(QUEUES.reminders.name, recurring, async () => {
      await runPatientReminders(handle.db);
    });
    await boss.work(QUEUES.digests.name, recurring, async () => {
      await runDigests(handle.db);
    });
  }
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
