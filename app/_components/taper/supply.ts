// How much of each formulation a schedule needs, per step and in total, for the printout and the pharmacist.
import type { TakeItem, TaperStep } from '~/lib/taper/types';

export interface TabletSupply {
  kind: 'tablet';
  /** Index into the plan's formulations list. */
  formulation: number;
  strengthMg: number;
  /** The exact need, counted in half tablets. */
  halves: number;
  /** How many of the doses are taken as a half tablet (each needs a split). */
  halfPieces: number;
  /** Whole tablets to dispense: the halves rounded up to whole tablets. */
  tablets: number;
}

export interface LiquidSupply {
  kind: 'liquid';
  formulation: number;
  mgPerMl: number;
  ml: number;
}

export type SupplyLine = TabletSupply | LiquidSupply;

export interface StepSupply {
  index: number;
  startDate: string;
  endDate: string;
  days: number;
  /** One line per formulation the step uses, in the order of the formulations list. */
  lines: SupplyLine[];
}

export interface Supplies {
  steps: StepSupply[];
  /** Sums of the steps' lines. Tablets are rounded up per step, so the total is what is dispensed step by step. */
  total: SupplyLine[];
}

// Volumes are summed in thousandths of a mL so 0.1 mL steps never pick up floating-point dust.
const ML_SCALE = 1000;
const toMilliMl = (ml: number) => Math.round(ml * ML_SCALE);

interface Tally {
  kind: 'tablet' | 'liquid';
  formulation: number;
  strength: number;
  halves: number;
  halfPieces: number;
  tablets: number;
  milliMl: number;
}

function keyOf(item: Pick<TakeItem, 'kind' | 'formulation'>): string {
  return `${item.kind}:${item.formulation}`;
}

function toLine(t: Tally): SupplyLine {
  return t.kind === 'tablet'
    ? { kind: 'tablet', formulation: t.formulation, strengthMg: t.strength, halves: t.halves, halfPieces: t.halfPieces, tablets: t.tablets }
    : { kind: 'liquid', formulation: t.formulation, mgPerMl: t.strength, ml: t.milliMl / ML_SCALE };
}

function sorted(tallies: Map<string, Tally>): SupplyLine[] {
  return [...tallies.values()]
    .sort((a, b) => a.formulation - b.formulation || a.kind.localeCompare(b.kind))
    .map(toLine);
}

function emptyTally(item: TakeItem): Tally {
  return {
    kind: item.kind,
    formulation: item.formulation,
    strength: item.kind === 'tablet' ? item.strengthMg : item.mgPerMl,
    halves: 0,
    halfPieces: 0,
    tablets: 0,
    milliMl: 0,
  };
}

function stepTallies(step: TaperStep): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const dose of step.doses) {
    for (const item of dose.take) {
      const key = keyOf(item);
      const tally = tallies.get(key) ?? emptyTally(item);
      if (item.kind === 'tablet') {
        tally.halves += item.halves * step.days;
        tally.halfPieces += (item.halves % 2) * step.days;
      } else {
        tally.milliMl += toMilliMl(item.ml) * step.days;
      }
      tallies.set(key, tally);
    }
  }
  // A half left over at the end of a step is kept for the next, but a step is dispensed whole.
  for (const tally of tallies.values()) tally.tablets = Math.ceil(tally.halves / 2);
  return tallies;
}

/** The supply each step needs and the total over the schedule. Pure: no I/O, no clock. */
export function suppliesFor(steps: readonly TaperStep[]): Supplies {
  const totals = new Map<string, Tally>();
  const perStep: StepSupply[] = steps.map((step) => {
    const tallies = stepTallies(step);
    for (const [key, tally] of tallies) {
      const total = totals.get(key) ?? { ...tally, halves: 0, halfPieces: 0, tablets: 0, milliMl: 0 };
      total.halves += tally.halves;
      total.halfPieces += tally.halfPieces;
      total.tablets += tally.tablets;
      total.milliMl += tally.milliMl;
      totals.set(key, total);
    }
    return { index: step.index, startDate: step.startDate, endDate: step.endDate, days: step.days, lines: sorted(tallies) };
  });
  return { steps: perStep, total: sorted(totals) };
}

/** The formulations a supply table needs columns for: every line that appears in the total, in order. */
export function supplyColumns(supplies: Supplies): Array<Pick<SupplyLine, 'kind' | 'formulation'> & { strength: number }> {
  return supplies.total.map((line) => ({
    kind: line.kind,
    formulation: line.formulation,
    strength: line.kind === 'tablet' ? line.strengthMg : line.mgPerMl,
  }));
}

/** The line of `lines` for a column, if the step uses that formulation. */
export function lineFor(lines: readonly SupplyLine[], column: Pick<SupplyLine, 'kind' | 'formulation'>): SupplyLine | undefined {
  return lines.find((l) => l.kind === column.kind && l.formulation === column.formulation);
}
