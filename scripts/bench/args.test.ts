import { describe, expect, it } from 'vitest';
import { clinicSize, defaultOptions, parseArgs } from './args';

describe('bench arguments', () => {
  it('defaults to the full clinic with a build, a seed and Lighthouse', () => {
    expect(parseArgs([])).toEqual(defaultOptions);
  });

  it('reads each option, in both --name value and --name=value forms', () => {
    const options = parseArgs(['--scale', '0.1', '--duration=5', '--user-duration', '12', '--connections', '4', '--port', '3162', '--out', '/tmp/x', '--no-build', '--no-seed', '--no-lighthouse', '--no-load', '--note', 'read audit on']);
    expect(options).toEqual({
      scale: 0.1, duration: 5, userDuration: 12, connections: { submit: 4, triage: 4, trends: 4, planSave: 4 }, port: 3162, outDir: '/tmp/x', build: false, seed: false, lighthouse: false, load: false,
      note: 'read audit on', endpoints: null, profileDir: null,
    });
  });

  it('runs only the named endpoints, and profiles the write paths by default', () => {
    expect(parseArgs(['--endpoints', 'plan-save,checkin-submit'])).toMatchObject({ endpoints: ['plan-save', 'checkin-submit'], profileDir: null });
    expect(parseArgs(['--profile', '/tmp/p'])).toMatchObject({ endpoints: ['checkin-submit-capacity', 'plan-save'], profileDir: '/tmp/p' });
    expect(parseArgs(['--profile', '/tmp/p', '--endpoints', 'trends-180'])).toMatchObject({ endpoints: ['trends-180'], profileDir: '/tmp/p' });
  });

  it('asks for help', () => {
    expect(parseArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--scale'], /--scale needs a number from 0.005 to 20 \(got nothing\)/],
    [['--scale', 'ten'], /--scale needs/],
    [['--scale', '0'], /--scale needs/],
    [['--scale', '50'], /--scale needs/],
    [['--duration', '1.5'], /--duration needs whole seconds/],
    [['--user-duration', '0'], /--user-duration needs whole seconds/],
    [['--connections', '0'], /--connections needs/],
    [['--port', '80'], /--port needs/],
    [['--out'], /--out needs a folder/],
    [['--note'], /--note needs a text/],
    [['--endpoints', 'submit'], /--endpoints needs one or more of .* \(unknown: submit\)/],
    [['--endpoints'], /--endpoints needs/],
    [['--profile'], /--profile needs a folder/],
    [['--fast'], /Unknown option "--fast"/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('does not share the default connections object between runs', () => {
    const options = parseArgs(['--connections', '2']);
    expect(options).not.toBe('help');
    expect(defaultOptions.connections.submit).toBe(32);
  });
});

describe('clinic size', () => {
  it('is 2,000 patients and 40 clinicians at scale 1, 20,000 (3.6 million check-ins) at 10', () => {
    expect(clinicSize(1)).toEqual({ patients: 2000, clinicians: 40, days: 180, teamSize: 4 });
    const ten = clinicSize(10);
    expect(ten.patients * ten.days).toBe(3_600_000);
  });

  it('keeps about 200 patients per clinician whenever the clinic is big enough', () => {
    for (const scale of [0.1, 0.5, 1, 2]) {
      const size = clinicSize(scale);
      expect((size.patients * size.teamSize) / size.clinicians).toBe(200);
    }
  });

  it('never goes below a team of four clinicians or 20 patients', () => {
    expect(clinicSize(0.005)).toEqual({ patients: 20, clinicians: 4, days: 180, teamSize: 4 });
  });
});
