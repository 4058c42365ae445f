// The idle warning's countdown text, and who has an idle limit.
import { describe, expect, it } from 'vitest';
import { countdown, hasIdleTimeout } from './idle';

describe('countdown', () => {
  it('is minutes and two-digit seconds, rounded up, never below 0:00', () => {
    expect(countdown(120)).toBe('2:00');
    expect(countdown(119.2)).toBe('2:00');
    expect(countdown(65)).toBe('1:05');
    expect(countdown(9)).toBe('0:09');
    expect(countdown(0)).toBe('0:00');
    expect(countdown(-3)).toBe('0:00');
  });
});

describe('hasIdleTimeout', () => {
  it('is staff only', () => {
    expect(hasIdleTimeout('clinician')).toBe(true);
    expect(hasIdleTimeout('admin')).toBe(true);
    expect(hasIdleTimeout('patient')).toBe(false);
  });
});
