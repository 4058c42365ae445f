// The taper engine's public face.
export * from './types';
export { generateSchedule, checkPatient, LABEL_MAX_DAILY_MG, MAX_STEPS } from './engine';
export { extend, resume, slow, stepBack, editStep, stepIndexOn, type Plan } from './adjust';
export { checkSchedule } from './check';
export { addDays, daysBetween } from './dates';
