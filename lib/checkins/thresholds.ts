// The red-flag thresholds in one place: the numbers the rules in red-flags.ts read, each with its reason.
//
// These are THE CLINIC'S DEFAULTS, NOT PUBLISHED RULES. No guideline gives numbers for "escalating over
// several days" (DOMAIN: "Patterns are red flags too ... rising with plateaus, or staying severe, with a
// missed day in between still counted"), so the pattern numbers are the team's choice, written down here
// where a clinician can read and change them. Every number has tests at its boundary
// (red-flags.test.ts) and property tests (red-flags.property.test.ts).
//
// The vital-sign defaults are the conventional limits DOMAIN gives ("Alert thresholds are the team's
// choice, with conventional defaults (e.g. resting heart rate above 120 or below 50, systolic pressure 180
// or more or below 90, diastolic 110 or more)"): round numbers at the usual adult limits for a fast or
// slow heart, very high and low blood pressure. They are the clinic's choice too, not one published
// scoring system's, and they are for an adult at rest; per-patient limits are not supported yet.
//
// Not covered here: autonomic dysreflexia in spinal cord injury at T6 or above (a sudden systolic rise of
// 20–40 mmHg over the patient's usual value) needs the patient's usual pressure and injury level, which the
// check-in does not hold; the absolute limits below still apply to those patients.

/** How runs of days are read, for every pattern. */
export const RUN = {
  /** Earlier check-ins further back than this many days before today are not looked at. */
  lookbackDays: 7,
  /** A pattern needs the measure answered on at least this many days (today included). */
  minDays: 3,
  /**
   * Days in a row without the measure (no check-in, or the question left blank) that do not break a run.
   * One missed day is ordinary life; two in a row and the rule cannot honestly see a trend, so it stays
   * quiet rather than guess (missed check-ins have their own stop-go criterion).
   */
  maxGapDays: 1,
} as const;

/**
 * Pain, 0–10. Rising: over a run that never falls, up by at least `minRise` from its first day to today,
 * and today at least `risingTo`. Persistently severe: at least `severeFrom` on each day of the run.
 */
export const PAIN = { risingTo: 7, minRise: 2, severeFrom: 9 } as const;

/** Agitation, the higher of restlessness and anxiety (0–10) each day: the same rules as pain. */
export const AGITATION = { risingTo: 7, minRise: 2, severeFrom: 9 } as const;

/**
 * Hours slept. Falling: over a run that never rises, down by at least `minFall` hours from its first day to
 * today, and today at most `fallingTo` hours. Persistently very short: at most `severeAtMost` hours each day.
 */
export const SLEEP_HOURS = { fallingTo: 4, minFall: 2, severeAtMost: 3 } as const;

/** Sleep quality, 0–10 (0 terrible): staying poor is at most `poorAtMost` on each day of the run. */
export const SLEEP_QUALITY = { poorAtMost: 2 } as const;

/**
 * Vital signs the patient entered today. Each limit is a red flag of its own; "above" and "below" are
 * strict, "from" includes the number itself.
 */
export const VITALS = {
  /** Beats a minute: a resting heart rate above 120 is a red flag. */
  heartRateAbove: 120,
  /** Beats a minute: below 50. */
  heartRateBelow: 50,
  /** mmHg: a systolic (top number) of 180 or more. */
  systolicFrom: 180,
  /** mmHg: a systolic below 90. */
  systolicBelow: 90,
  /** mmHg: a diastolic (bottom number) of 110 or more. */
  diastolicFrom: 110,
} as const;
