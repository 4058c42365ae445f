// A prescriber's acceptance of cuts above the cap: carried to the next version while it covers the same
// cuts, needed again for any other. Pure, so the preview and the plan service decide alike.
import type { CapAcceptance, Warning } from './types';

type CapWarning = Extract<Warning, { code: 'cut-above-cap' }>;

export function capWarningOf(warnings: readonly Warning[]): CapWarning | undefined {
  return warnings.find((w): w is CapWarning => w.code === 'cut-above-cap');
}

const key = (c: { fromMg: number; toMg: number }) => `${c.fromMg}>${c.toMg}`;

/** The new version's warnings, with the earlier acceptance kept when it covers every cut above the cap still there. */
export function carryAcceptance(next: readonly Warning[], previous: readonly Warning[]): Warning[] {
  const accepted = capWarningOf(previous)?.acceptance;
  return next.map((w) => {
    if (w.code !== 'cut-above-cap' || !accepted) return w;
    const covered = new Set(accepted.cuts.map(key));
    return w.cuts.every((c) => covered.has(key(c))) ? { ...w, acceptance: accepted } : w;
  });
}

/** True when the schedule has cuts above the cap that no prescriber has accepted yet. */
export function needsAcceptance(warnings: readonly Warning[]): boolean {
  const w = capWarningOf(warnings);
  return w !== undefined && w.acceptance === undefined;
}

/** Records a prescriber's acceptance of every cut above the cap the warnings list now. */
export function accept(warnings: readonly Warning[], by: Omit<CapAcceptance, 'cuts'>): Warning[] {
  return warnings.map((w) => (w.code === 'cut-above-cap' ? { ...w, acceptance: { ...by, cuts: w.cuts.map(({ fromMg, toMg }) => ({ fromMg, toMg })) } } : w));
}
