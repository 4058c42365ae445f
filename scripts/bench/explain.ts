// Runs the services behind the measured endpoints once with a query logger, then EXPLAINs every query
// they issued: the check that no measured request reads a table that grows with the clinic from end to end.
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Logger } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '~/db';
import * as schema from '~/db/schema';

export interface CapturedQuery { sql: string; params: unknown[] }

/**
 * The tables whose rows grow with the clinic: with its patients (their records, check-ins, plans, alerts,
 * reads), its staff and their meetings, or both over time. A request that reads one of these sequentially
 * costs more as the clinic grows, however few patients it shows: a measured query may only probe them
 * through an index. Every table of the schema is in this list or in FIXED_SIZE_TABLES (explain.test.ts).
 */
export const GROWS_WITH_CLINIC = [
  'users', 'patient_profiles', 'care_team_members', 'invites', 'password_resets', 'audit_events', 'sign_in_attempts', 'record_reads',
  'user_sessions', 'user_totp', 'recovery_codes',
  'taper_plans', 'taper_plan_versions', 'taper_plan_comments',
  'check_ins', 'check_in_revisions', 'check_in_submissions', 'alerts', 'alert_evaluations', 'stop_go_criteria', 'stop_go_criteria_versions', 'step_decisions',
  'weekly_reviews', 'mdt_meetings', 'mdt_attendees', 'mdt_patient_items', 'mdt_dissents', 'notes', 'goals', 'goal_progress', 'milestones', 'adjunct_therapies',
  'notifications', 'notification_deliveries', 'notification_settings', 'push_subscriptions', 'patient_conversations',
] as const;

/** Tables of one size whatever the clinic's: reading one whole is right. */
export const FIXED_SIZE_TABLES = ['clinic_settings'] as const;

/**
 * Below this many rows a table is a few pages, which PostgreSQL rightly reads whole rather than through an
 * index. A scan of a clinic-growing table this small (one the bench does not fill, like an authenticator
 * table nobody in it has enrolled in) is not counted when an index would serve the same query: EXPLAINed
 * again with sequential scans off, its plan must use one.
 */
export const TINY_ROWS = 1000;

/**
 * How a sequential scan is judged: 'grows', a clinic-growing table read whole (the finding the bench
 * reports); 'unindexed', a clinic-growing table no index can serve for this query (a finding too, even
 * while the table is small); 'tiny', a clinic-growing table still small enough to read whole, that an index
 * serves once it grows; 'fixed', a table of fixed size.
 */
export type ScanKind = 'grows' | 'unindexed' | 'tiny' | 'fixed';

export interface SeqScan { relation: string; kind: ScanKind; rows: number; sql: string }

export interface ExplainReport {
  endpoint: string;
  queries: number;
  seqScans: SeqScan[];
  checkInSeqScans: number;
  /** Sequential scans of a clinic-growing table: 'grows' and 'unindexed'. */
  growingSeqScans: number;
}

const growing = new Set<string>(GROWS_WITH_CLINIC);

export function growsWithClinic(relation: string): boolean {
  return growing.has(relation);
}

/** The verdict on a sequential scan of `relation`, holding `rows` rows; `indexed`: an index serves the query when sequential scans are off. */
export function classifyScan(relation: string, rows: number, indexed: boolean): ScanKind {
  if (!growsWithClinic(relation)) return 'fixed';
  if (!indexed) return 'unindexed';
  return rows < TINY_ROWS ? 'tiny' : 'grows';
}

export function isFinding(kind: ScanKind): boolean {
  return kind === 'grows' || kind === 'unindexed';
}

class Capture implements Logger {
  queries: CapturedQuery[] = [];
  logQuery(query: string, params: unknown[]) {
    this.queries.push({ sql: query, params });
  }
}

/** A Drizzle handle on `url` that records every query it sends. */
export function capturingDb(url: string) {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  const capture = new Capture();
  const db = drizzle(client, { schema, logger: capture }) as unknown as Db;
  return { db, capture, close: () => client.end({ timeout: 2 }) };
}

interface PlanNode { 'Node Type'?: string; 'Relation Name'?: string; Plans?: PlanNode[] }

function seqScansOf(node: PlanNode, out: string[]) {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScansOf(child, out);
}

/**
 * EXPLAINs each captured query (plain EXPLAIN: nothing is executed) and judges its sequential scans. A scan of
 * a small clinic-growing table is EXPLAINed again with sequential scans off, to see whether an index serves it.
 */
export async function explainAll(url: string, endpoint: string, queries: readonly CapturedQuery[]): Promise<ExplainReport> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const seqScans: SeqScan[] = [];
  const scansIn = async (q: CapturedQuery) => {
    const rows = await client.unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (format json) ${q.sql}`, q.params as never[]);
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    const found: string[] = [];
    if (plan) seqScansOf(plan, found);
    return found;
  };
  const rowsOf = new Map<string, number>();
  try {
    for (const q of queries) {
      if (/^\s*(begin|commit|rollback|savepoint|release)/i.test(q.sql)) continue;
      const found = await scansIn(q);
      if (found.length === 0) continue;
      let withoutSeqScans: string[] | null = null;
      for (const relation of found) {
        let rows = rowsOf.get(relation);
        if (rows === undefined) {
          // The planner's own count (from the last ANALYZE), else the table's; an exact count only for a small one.
          const [stats] = await client<{ n: number }[]>`select greatest(reltuples, 0)::float8 as n from pg_class where oid = to_regclass(${relation})`;
          rows = stats?.n ?? 0;
          if (rows < TINY_ROWS) rows = (await client.unsafe<{ n: number }[]>(`select count(*)::int as n from (select 1 from "${relation}" limit ${TINY_ROWS}) t`))[0]?.n ?? 0;
          rowsOf.set(relation, rows);
        }
        let indexed = true;
        if (growsWithClinic(relation) && rows < TINY_ROWS) {
          if (!withoutSeqScans) {
            await client.unsafe('set enable_seqscan = off');
            try {
              withoutSeqScans = await scansIn(q);
            } finally {
              await client.unsafe('reset enable_seqscan');
            }
          }
          indexed = !withoutSeqScans.includes(relation);
        }
        seqScans.push({ relation, kind: classifyScan(relation, rows, indexed), rows, sql: q.sql.slice(0, 160) });
      }
    }
  } finally {
    await client.end({ timeout: 2 });
  }
  return {
    endpoint,
    queries: queries.length,
    seqScans,
    checkInSeqScans: seqScans.filter((s) => s.relation === 'check_ins').length,
    growingSeqScans: seqScans.filter((s) => isFinding(s.kind)).length,
  };
}

/** One line per endpoint for the report: the scans that are findings, and the ones that are right (and why). */
export function describeScans(report: ExplainReport): string {
  const names = (kinds: ScanKind[]) => [...new Set(report.seqScans.filter((s) => kinds.includes(s.kind)).map((s) => (s.kind === 'tiny' ? `${s.relation} (${s.rows} rows)` : s.relation)))];
  const findings = names(['grows', 'unindexed']);
  const tiny = names(['tiny']);
  const fixed = names(['fixed']);
  const parts = [
    findings.length ? `**sequential scans of tables that grow with the clinic: ${findings.join(', ')}**` : 'no sequential scan of a table that grows with the clinic',
    ...(tiny.length ? [`small enough to read whole, an index serving them as they grow: ${tiny.join(', ')}`] : []),
    ...(fixed.length ? [`fixed-size: ${fixed.join(', ')}`] : []),
  ];
  return `${report.endpoint} ${report.queries} queries, ${parts.join('; ')}`;
}
