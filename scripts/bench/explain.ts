// Runs the services behind the measured endpoints once with a query logger, then EXPLAINs every query
// they issued: the check that no measured request scans all check-ins.
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Logger } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '~/db';
import * as schema from '~/db/schema';

export interface CapturedQuery { sql: string; params: unknown[] }

export interface ExplainReport {
  endpoint: string;
  queries: number;
  seqScans: { relation: string; sql: string }[];
  checkInSeqScans: number;
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

/** EXPLAINs each captured query (plain EXPLAIN: nothing is executed) and lists its sequential scans. */
export async function explainAll(url: string, endpoint: string, queries: readonly CapturedQuery[]): Promise<ExplainReport> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const seqScans: ExplainReport['seqScans'] = [];
  try {
    for (const q of queries) {
      if (/^\s*(begin|commit|rollback|savepoint|release)/i.test(q.sql)) continue;
      const rows = await client.unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (format json) ${q.sql}`, q.params as never[]);
      const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
      const found: string[] = [];
      if (plan) seqScansOf(plan, found);
      for (const relation of found) seqScans.push({ relation, sql: q.sql.slice(0, 160) });
    }
  } finally {
    await client.end({ timeout: 2 });
  }
  return { endpoint, queries: queries.length, seqScans, checkInSeqScans: seqScans.filter((s) => s.relation === 'check_ins').length };
}
