import { describe, expect, it } from 'vitest';
import { NO_OIDC_MFA_CLAIMS, oidcSecondFactor, parseOidcMfaClaims } from './oidc-second-factor';

describe('parseOidcMfaClaims', () => {
  it('reads amr and acr entries separated by spaces or commas; an acr URI keeps its colons', () => {
    expect(parseOidcMfaClaims('amr:mfa, amr:otp acr:urn:example:loa:2,,amr:mfa')).toEqual({
      amr: ['mfa', 'otp'],
      acr: ['urn:example:loa:2'],
    });
  });

  it('is empty when unset or blank', () => {
    expect(parseOidcMfaClaims(undefined)).toEqual(NO_OIDC_MFA_CLAIMS);
    expect(parseOidcMfaClaims('  ')).toEqual(NO_OIDC_MFA_CLAIMS);
  });

  it('refuses entries without a kind, of another kind, or with no value, naming the entry', () => {
    expect(() => parseOidcMfaClaims('mfa')).toThrow('"mfa"');
    expect(() => parseOidcMfaClaims('sub:123')).toThrow('"sub:123"');
    expect(() => parseOidcMfaClaims('amr:')).toThrow('"amr:"');
  });

  it('refuses single-factor amr values, so a password alone can never count as two factors', () => {
    expect(() => parseOidcMfaClaims('amr:pwd')).toThrow('single factor');
    expect(() => parseOidcMfaClaims('amr:mfa amr:pin')).toThrow('amr:pin');
  });
});

describe('oidcSecondFactor', () => {
  const accepted = parseOidcMfaClaims('amr:mfa amr:hwk acr:urn:example:loa:2');

  it('counts an accepted amr value among others, or an accepted acr', () => {
    expect(oidcSecondFactor({ amr: ['pwd', 'mfa'] }, accepted)).toBe(true);
    expect(oidcSecondFactor({ amr: ['hwk'] }, accepted)).toBe(true);
    expect(oidcSecondFactor({ amr: ['pwd'], acr: 'urn:example:loa:2' }, accepted)).toBe(true);
  });

  it('does not count methods or levels the operator did not list', () => {
    expect(oidcSecondFactor({ amr: ['pwd', 'otp'] }, accepted)).toBe(false);
    expect(oidcSecondFactor({ acr: 'urn:example:loa:1' }, accepted)).toBe(false);
    expect(oidcSecondFactor({}, accepted)).toBe(false);
    expect(oidcSecondFactor(null, accepted)).toBe(false);
  });

  it('counts nothing by default, whatever the provider says', () => {
    expect(oidcSecondFactor({ amr: ['mfa', 'otp', 'hwk'], acr: 'urn:example:loa:2' }, NO_OIDC_MFA_CLAIMS)).toBe(false);
  });

  it('ignores claims of the wrong shape (amr must be an array of strings, acr a string)', () => {
    expect(oidcSecondFactor({ amr: 'mfa' }, accepted)).toBe(false);
    expect(oidcSecondFactor({ amr: [{ mfa: true }] }, accepted)).toBe(false);
    expect(oidcSecondFactor({ acr: ['urn:example:loa:2'] }, accepted)).toBe(false);
  });
});
