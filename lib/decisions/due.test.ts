import { describe, expect, it } from 'vitest';
import { DECISION_WINDOW_DAYS, isDecisionDue } from './due';

describe('isDecisionDue', () => {
  const end = '2026-03-14';

  it('is due on the last two days of the step, not before', () => {
    expect(DECISION_WINDOW_DAYS).toBe(2);
    expect(isDecisionDue('2026-03-11', end, false)).toBe(false);
    expect(isDecisionDue('2026-03-12', end, false)).toBe(false);
    expect(isDecisionDue('2026-03-13', end, false)).toBe(true);
    expect(isDecisionDue('2026-03-14', end, false)).toBe(true);
  });

  it('stays due after the step ended while nobody has decided', () => {
    expect(isDecisionDue('2026-03-15', end, false)).toBe(true);
    expect(isDecisionDue('2026-04-30', end, false)).toBe(true);
  });

  it('is not due once the step is decided for this end date', () => {
    expect(isDecisionDue('2026-03-13', end, true)).toBe(false);
    expect(isDecisionDue('2026-03-20', end, true)).toBe(false);
  });

  it('crosses month and year ends by calendar days', () => {
    expect(isDecisionDue('2025-12-31', '2026-01-01', false)).toBe(true);
    expect(isDecisionDue('2025-12-30', '2026-01-01', false)).toBe(false);
  });
});
