import { describe, expect, it } from 'vitest';
import { refusal, SYNTHETIC_DOMAIN, type DatabaseFacts } from './guard';

const empty: DatabaseFacts = { hasSchema: false, users: 0, nonSyntheticUsers: 0, otherRows: 0, hasMarker: false };

describe('the synthetic-data guard', () => {
  it('allows an empty database, with or without the schema', () => {
    expect(refusal(empty)).toBeNull();
    expect(refusal({ ...empty, hasSchema: true })).toBeNull();
  });

  it('allows a database the bench seeded before', () => {
    expect(refusal({ hasSchema: true, users: 2040, nonSyntheticUsers: 0, otherRows: 0, hasMarker: true })).toBeNull();
  });

  it('refuses any account outside the synthetic domain, even beside the marker', () => {
    const reason = refusal({ hasSchema: true, users: 2041, nonSyntheticUsers: 1, otherRows: 0, hasMarker: true });
    expect(reason).toMatch(/1 account\(s\) that are not synthetic/);
    expect(reason).toContain(SYNTHETIC_DOMAIN);
  });

  it('refuses data the bench did not make (no marker), even without accounts', () => {
    expect(refusal({ hasSchema: true, users: 0, nonSyntheticUsers: 0, otherRows: 3, hasMarker: false })).toMatch(/no bench marker/);
    expect(refusal({ hasSchema: true, users: 5, nonSyntheticUsers: 0, otherRows: 0, hasMarker: false })).toMatch(/no bench marker/);
  });
});
