// The app router: every procedure the portal exposes, and a server-side caller.
import 'server-only';
import { accountRouter } from './routers/account';
import { adjunctsRouter } from './routers/adjuncts';
import { alertsRouter } from './routers/alerts';
import { checkinsRouter } from './routers/checkins';
import { clinicRouter } from './routers/clinic';
import { conversationRouter } from './routers/conversation';
import { criteriaRouter } from './routers/criteria';
import { decisionsRouter } from './routers/decisions';
import { exportsRouter } from './routers/exports';
import { triageRouter } from './routers/triage';
import { weeklyReviewsRouter } from './routers/weekly-reviews';
import { adminRouter } from './routers/admin';
import { invitesRouter } from './routers/invites';
import { mdtRouter } from './routers/mdt';
import { patientsRouter } from './routers/patients';
import { plansRouter } from './routers/plans';
import { trendsRouter } from './routers/trends';
import { notesRouter } from './routers/notes';
import { notificationSettingsRouter } from './routers/notification-settings';
import { goalsRouter } from './routers/goals';
import { milestonesRouter } from './routers/milestones';
import { notificationsRouter } from './routers/notifications';
import { pushRouter } from './routers/push';
import { readAuditRouter } from './routers/read-audit';
import { createCallerFactory, noteProcedureInputs, router } from './trpc';

export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  clinic: clinicRouter,
  invites: invitesRouter,
  patients: patientsRouter,
  plans: plansRouter,
  checkins: checkinsRouter,
  alerts: alertsRouter,
  criteria: criteriaRouter,
  triage: triageRouter,
  decisions: decisionsRouter,
  trends: trendsRouter,
  adjuncts: adjunctsRouter,
  notes: notesRouter,
  conversation: conversationRouter,
  goals: goalsRouter,
  milestones: milestonesRouter,
  weeklyReviews: weeklyReviewsRouter,
  mdt: mdtRouter,
  notifications: notificationsRouter,
  push: pushRouter,
  notificationSettings: notificationSettingsRouter,
  exports: exportsRouter,
  readAudit: readAuditRouter,
});

noteProcedureInputs(appRouter._def.procedures);

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
