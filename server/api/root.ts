// The app router: every procedure the portal exposes, and a server-side caller.
import { accountRouter } from './routers/account';
import { adminRouter } from './routers/admin';
import { invitesRouter } from './routers/invites';
import { patientsRouter } from './routers/patients';
import { plansRouter } from './routers/plans';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  invites: invitesRouter,
  patients: patientsRouter,
  plans: plansRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
