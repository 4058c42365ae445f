// Weekly reviews: the care team's 7-day view of a patient and the reviews they record.
import { z } from 'zod';
import { getWeeklyReviewData, listWeeklyReviews, recordWeeklyReview, recordWeeklyReviewInput } from '~/server/reviews/weekly';
import { uuidSchema } from '~/lib/validation';
import { careTeamProcedure, router } from '../trpc';

const patientOnly = z.strictObject({ patientId: uuidSchema });

export const weeklyReviewsRouter = router({
  data: careTeamProcedure.input(patientOnly).query(({ ctx }) => getWeeklyReviewData(ctx.db, ctx.access.patientId)),
  list: careTeamProcedure.input(patientOnly).query(({ ctx }) => listWeeklyReviews(ctx.db, ctx.access.patientId)),
  record: careTeamProcedure.input(recordWeeklyReviewInput).mutation(({ ctx, input }) => recordWeeklyReview(ctx.db, { ...ctx.actor, discipline: ctx.access.discipline }, input)),
});
