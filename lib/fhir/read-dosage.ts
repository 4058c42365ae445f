// Reads a taper's steps back out of a MedicationRequest: the inverse of the export's dosage mapping, for round-trip checks.
import type { MedicationRequest } from './types';

export interface ReadStep {
  index: number;
  startDate: string;
  endDate: string;
  dailyMg: number;
  /** The dose times given something, ascending: times left empty on a step have no dosage instruction. */
  doses: { time: string; mg: number }[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Groups dosage instructions by `sequence` (one step; equal sequences are concurrent) and sums their doses. */
export function stepsFromMedicationRequest(mr: Pick<MedicationRequest, 'dosageInstruction'>): ReadStep[] {
  const steps = new Map<number, ReadStep>();
  for (const dosage of mr.dosageInstruction ?? []) {
    if (dosage.sequence === undefined) continue;
    const bounds = dosage.timing?.repeat?.boundsPeriod;
    const step = steps.get(dosage.sequence) ?? {
      index: dosage.sequence - 1,
      startDate: bounds?.start ?? '',
      endDate: bounds?.end ?? '',
      dailyMg: 0,
      doses: [],
    };
    const amount = dosage.doseAndRate?.[0]?.doseQuantity?.value ?? 0;
    if (amount > 0) {
      for (const t of dosage.timing?.repeat?.timeOfDay ?? []) step.doses.push({ time: t.slice(0, 5), mg: amount });
    }
    steps.set(dosage.sequence, step);
  }
  return [...steps.values()]
    .sort((a, b) => a.index - b.index)
    .map((s) => {
      const doses = [...s.doses].sort((a, b) => a.time.localeCompare(b.time));
      return { ...s, doses, dailyMg: round(doses.reduce((sum, d) => sum + d.mg, 0)) };
    });
}
