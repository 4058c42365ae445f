import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuBetween, groupCpuMs, parseProcStat } from './cpu';

describe('CPU time from /proc', () => {
  it('reads pid, process group and user plus system time, whatever the command name holds', () => {
    const line = '4242 (next-server (v16) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 30 0 0 20 0 11 0 123 0 0';
    expect(parseProcStat(line)).toEqual({ pid: 4242, pgrp: 4242, cpuMs: 2800 });
    expect(parseProcStat('garbage')).toBeNull();
  });

  it('counts what each process spent between two readings, a new one from zero, a gone one not at all', () => {
    const before = new Map([[1, 100], [2, 50]]);
    const after = new Map([[1, 180], [2, 0], [3, 40]]);
    expect(cpuBetween(before, after)).toBe(120);
  });

  it.skipIf(process.platform !== 'linux')('finds this process in its own process group', () => {
    const stat = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
    expect(stat).not.toBeNull();
    expect(groupCpuMs(stat?.pgrp ?? -1)).toBeGreaterThan(0);
  });
});
