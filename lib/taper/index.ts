// The taper engine's public face.
export * from './types';
export {
  generateSchedule, checkPatient, scheduleWarnings, aboveCapCuts, defaultStopAtMg, stopAtMgOf, tableFor, LABEL_MAX_DAILY_MG, MAX_STEPS,
  MIN_STOP_AT_MG, MAX_STOP_AT_MG,
} from './engine';
export { extend, resume, slow, stepBack, editStep, stepIndexOn, doseOn, type Plan } from './adjust';
export { adjustPlan, type Adjustment, type PlanClock } from './changes';
export { adviseProducts, PRODUCT_CATALOGUE, type CapAdvice, type ProductAdvice } from './advisor';
export { checkSchedule } from './check';
export { addDays, daysBetween } from '~/lib/dates';
