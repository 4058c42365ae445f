// CPU time spent serving a measured run, read from /proc (Linux): the server's process group (Next and its
// workers; tsx and the bare server's node) and the PostgreSQL backends of the bench's database. On a machine
// that others share, requests per second follow how much CPU the others leave; CPU milliseconds per request
// change far less, and their ratio, ours / bare, is what the framework costs.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  pgrp: number;
  /** User plus system time, in ms. */
  cpuMs: number;
}

/** Parses one /proc/<pid>/stat line (the command name, field 2, may hold spaces and parentheses). */
export function parseProcStat(line: string): ProcStat | null {
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // Fields after the name, numbered from 3 (state): pgrp is field 5, utime 14, stime 15.
  const rest = line.slice(close + 2).split(' ');
  const field = (n: number) => Number(rest[n - 3]);
  const [pgrp, utime, stime] = [field(5), field(14), field(15)];
  if (![pid, pgrp, utime, stime].every(Number.isFinite)) return null;
  return { pid, pgrp, cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
}

function readStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** CPU ms of every live process in a process group (children that exited are not counted). */
export function groupCpuMs(pgrp: number): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return Number.NaN;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.pgrp === pgrp) total += stat.cpuMs;
  }
  return total;
}

/** CPU ms of each of these processes (0 for one that is gone). */
export function pidsCpuMs(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, readStat(pid)?.cpuMs ?? 0]));
}

/** CPU ms the processes spent between two readings; one that appeared in between counts from zero. */
export function cpuBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += Math.max(0, ms - (before.get(pid) ?? 0));
  return total;
}
