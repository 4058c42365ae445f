import { describe, expect, it } from 'vitest';
import { dialable, formatPhone, normalizePhone, phoneCountry, telHref } from './phone';
import { optionalPhoneSchema, updateClinicSettingsInput, updatePatientContactsInput } from './inputs';

const ok = (value: string) => ({ ok: true, value });
const problem = (p: string) => ({ ok: false, problem: p });

describe('normalizePhone', () => {
  it('stores a number with its country code in E.164, however it is grouped', () => {
    expect(normalizePhone('+44 20 7946 0958')).toEqual(ok('+442079460958'));
    expect(normalizePhone(' +1 (415) 555-2671 ')).toEqual(ok('+14155552671'));
    expect(normalizePhone('+33 1.23.45.67.89')).toEqual(ok('+33123456789'));
    expect(normalizePhone('0044 20 7946 0958')).toEqual(ok('+442079460958'));
  });

  it('refuses a number with a country code that is no number of that country', () => {
    expect(normalizePhone('+44 20 7946 095')).toEqual(problem('international'));
    expect(normalizePhone('+44 116 123')).toEqual(problem('international'));
    expect(normalizePhone('+999 1234 5678')).toEqual(problem('international'));
  });

  it('infers the country from the default when the number is a real one there', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual(ok('+442079460958'));
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual(ok('+14155552671'));
  });

  it('keeps a number as typed (digits and single spaces) when no country can be inferred', () => {
    expect(normalizePhone('020 7946 0958')).toEqual(ok('020 7946 0958'));
    expect(normalizePhone('(020)  7946-0958')).toEqual(ok('020 7946 0958'));
    // Not a number of the default country: not guessed into one.
    expect(normalizePhone('0412 345 678', 'GB')).toEqual(ok('0412 345 678'));
    expect(normalizePhone('020 7946 0958', 'US')).toEqual(ok('020 7946 0958'));
  });

  it('keeps short numbers (crisis lines, emergency numbers) as they are', () => {
    expect(normalizePhone('116 123', 'GB')).toEqual(ok('116 123'));
    expect(normalizePhone('988', 'US')).toEqual(ok('988'));
    expect(normalizePhone('999')).toEqual(ok('999'));
  });

  it('names what is wrong with what is no phone number', () => {
    expect(normalizePhone('call me')).toEqual(problem('characters'));
    expect(normalizePhone('020 7946 0958 ext 12')).toEqual(problem('characters'));
    expect(normalizePhone('tel:+442079460958')).toEqual(problem('characters'));
    expect(normalizePhone('javascript:alert(1)')).toEqual(problem('characters'));
    expect(normalizePhone('44+20')).toEqual(problem('plus'));
    expect(normalizePhone('++44 20 7946 0958')).toEqual(problem('plus'));
    expect(normalizePhone('12')).toEqual(problem('too-short'));
    expect(normalizePhone('+')).toEqual(problem('too-short'));
    expect(normalizePhone('1234567890123456')).toEqual(problem('too-long'));
    // The 00 prefix is not counted: 15 digits after it are still a number's worth.
    expect(normalizePhone('00 1234567890123456')).toEqual(problem('too-long'));
  });

  it('gives the same answer for its own output (stored numbers can be saved again unchanged)', () => {
    for (const typed of ['+44 20 7946 0958', '116 123', '(020) 7946-0958', '0044 20 7946 0958']) {
      const first = normalizePhone(typed);
      if (!first.ok) throw new Error(typed);
      expect(normalizePhone(first.value)).toEqual(first);
    }
  });
});

describe('showing and dialling a stored number', () => {
  it('groups an E.164 number the way its country writes it, and leaves other numbers as stored', () => {
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+14155552671')).toBe('+1 415 555 2671');
    expect(formatPhone('116 123')).toBe('116 123');
  });

  it('builds tel: links of digits and a leading + only', () => {
    expect(telHref('+442079460958')).toBe('tel:+442079460958');
    expect(telHref('020 7946 0958')).toBe('tel:02079460958');
    expect(telHref('116 123')).toBe('tel:116123');
  });

  it('builds no link for anything that is not a dialable number', () => {
    for (const stored of [null, undefined, '', '  ', '12', 'javascript:alert(1)', '999;ext=1', '999"><script>', '+44 20 7946 0958 x', '1234567890123456', '4+4']) {
      expect([stored, telHref(stored)]).toEqual([stored, null]);
    }
  });

  it('gives a screen the text and the link together, or nothing (never an empty link)', () => {
    expect(dialable('+442079460958')).toEqual({ display: '+44 20 7946 0958', href: 'tel:+442079460958' });
    expect(dialable(null)).toBeNull();
    expect(dialable('not a number')).toBeNull();
  });

  it('reads the country of an E.164 number, and none of a number typed without one', () => {
    expect(phoneCountry('+442079460958')).toBe('GB');
    expect(phoneCountry('+14155552671')).toBe('US');
    expect(phoneCountry('020 7946 0958')).toBeUndefined();
    expect(phoneCountry(null)).toBeUndefined();
  });
});

describe('the phone fields of the inputs', () => {
  it('turns an empty field into no number, and a number into its stored form', () => {
    expect(optionalPhoneSchema.parse('')).toBeNull();
    expect(optionalPhoneSchema.parse('   ')).toBeNull();
    expect(optionalPhoneSchema.parse('+44 20 7946-0958')).toBe('+442079460958');
  });

  it('puts each problem on its own field', () => {
    const result = updateClinicSettingsInput.safeParse({
      clinicPhone: 'abc', onCallName: '', onCallEmail: 'not an email', onCallPhone: '12', crisisLineName: '', crisisLinePhone: '', escalationMinutes: 721,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['clinicPhone', 'escalationMinutes', 'onCallEmail', 'onCallPhone']);
  });

  it('wants a crisis line’s name and number together, and an emergency contact’s', () => {
    const clinic = updateClinicSettingsInput.safeParse({
      clinicPhone: '', onCallName: '', onCallEmail: '', onCallPhone: '', crisisLineName: 'Samaritans', crisisLinePhone: '', escalationMinutes: 30,
    });
    expect(clinic.error?.issues.map((i) => i.path.join('.'))).toEqual(['crisisLinePhone']);
    const patient = updatePatientContactsInput.safeParse({
      patientId: '6f1c2a4e-8a53-4a36-9a3b-0f3d3b8b9d11', phone: '', emergencyContactName: '', emergencyContactPhone: '07700 900123', careTeamPhone: '',
    });
    expect(patient.error?.issues.map((i) => i.path.join('.'))).toEqual(['emergencyContactName']);
  });
});
