// What changed between two versions of a plan: the parameters, and the steps (added, removed, changed).
import type { TaperInput, TaperStep } from './types';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface ScheduleDiff {
  input: FieldChange[];
  added: TaperStep[];
  removed: TaperStep[];
  changed: { index: number; changes: FieldChange[] }[];
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, Array.isArray(value) ? JSON.stringify(value) : value);
  }
}

const stepFields = ['dailyMg', 'startDate', 'endDate', 'days'] as const;

export function diffPlans(a: { input: TaperInput; steps: TaperStep[] }, b: { input: TaperInput; steps: TaperStep[] }): ScheduleDiff {
  const fa = new Map<string, unknown>();
  const fb = new Map<string, unknown>();
  flatten(a.input, '', fa);
  flatten(b.input, '', fb);
  const input: FieldChange[] = [];
  for (const field of new Set([...fa.keys(), ...fb.keys()])) {
    if (fa.get(field) !== fb.get(field)) input.push({ field, from: fa.get(field), to: fb.get(field) });
  }
  const changed: ScheduleDiff['changed'] = [];
  const shared = Math.min(a.steps.length, b.steps.length);
  for (let i = 0; i < shared; i++) {
    const sa = a.steps[i];
    const sb = b.steps[i];
    if (!sa || !sb) continue;
    const changes: FieldChange[] = stepFields.filter((f) => sa[f] !== sb[f]).map((f) => ({ field: f, from: sa[f], to: sb[f] }));
    const dosesA = JSON.stringify(sa.doses.map((d) => [d.time, d.mg]));
    const dosesB = JSON.stringify(sb.doses.map((d) => [d.time, d.mg]));
    if (dosesA !== dosesB) changes.push({ field: 'doses', from: sa.doses.map((d) => `${d.time} ${d.mg} mg`).join(', '), to: sb.doses.map((d) => `${d.time} ${d.mg} mg`).join(', ') });
    if (changes.length) changed.push({ index: i, changes });
  }
  return { input, added: b.steps.slice(shared), removed: a.steps.slice(shared), changed };
}
