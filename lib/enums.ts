// The values of the database's enums, free of the schema: zod inputs, pages and the schema (db/schema) share them.
// No imports: drizzle-kit loads this file with the schema.
export const alertKinds = ['red-flag', 'criterion', 'missed-check-in', 'rescue-medication', 'plan-safety'] as const;
export const alertSeverities = ['urgent', 'warning', 'info'] as const;
export const stepDecisionKinds = ['advance', 'hold', 'slow', 'step-back', 'pause'] as const;
export const renalFunctionCategories = ['normal', 'mild', 'moderate', 'severe', 'unknown'] as const;
export const disciplines = ['prescriber', 'physiotherapist', 'nurse', 'pharmacist', 'psychologist', 'other'] as const;
export const planStatuses = ['draft', 'proposed', 'agreed', 'active', 'paused', 'completed', 'stopped'] as const;
export const planCommentKinds = ['comment', 'change-request'] as const;
export const planCommentVisibilities = ['shared', 'team'] as const;
export const weeklyReviewDecisions = ['continue', 'hold', 'slow', 'step-back', 'pause', 'other'] as const;
export const noteVisibilities = ['shared', 'team'] as const;
export const goalStatuses = ['active', 'achieved', 'revised', 'dropped'] as const;
export const milestoneKinds = ['step-completed', 'week-without-red-flags', 'halfway-to-target', 'taper-completed', 'goal-achieved'] as const;
export const adjunctKinds = [
  'physiotherapy', 'exercise', 'stretching', 'mindfulness', 'sleep-hygiene', 'heat-cold', 'tens', 'massage',
  'hydration-nutrition', 'social-support', 'rescue-medication', 'other',
] as const;
export const userRoles = ['patient', 'clinician', 'admin'] as const;
export const professions = ['physician', 'nurse-practitioner', 'nurse', 'pharmacist', 'physiotherapist', 'psychologist', 'other'] as const;
/** What a notification is about. 'alert' is a non-urgent alert (in-app only); 'urgent-alert' goes out on every channel at once. */
export const notificationKinds = [
  'urgent-alert', 'alert-escalation', 'alert', 'message', 'check-in-reminder', 'dose-change', 'digest', 'test',
] as const;
/** Channels with a delivery to make; in-app is the notification row itself. */
export const notificationChannels = ['email', 'push'] as const;
/** 'skipped': nothing to deliver to (no address, no subscription, the channel turned off). */
export const deliveryStatuses = ['pending', 'sending', 'delivered', 'retrying', 'failed', 'skipped'] as const;
export const digestFrequencies = ['none', 'daily'] as const;
