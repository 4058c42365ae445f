// Weekly reviews: the care team's 7-day view of a patient and the reviews they record.
import { getWeeklyReviewData, listWeeklyReviews, recordWeeklyReview } from '~/server/reviews/weekly';
import { recordWeeklyReviewInput } from '~/lib/reviews/inputs';
import { patientIdInput } from '~/lib/validation';
import { careTeamProcedure, router } from '../trpc';

export const weeklyReviewsRouter = router({
  data: careTeamProcedure.input(patientIdInput).query(({ ctx }) => getWeeklyReviewData(ctx.db, ctx.access.patientId)),
  list: careTeamProcedure.input(patientIdInput).query(({ ctx }) => listWeeklyReviews(ctx.db, ctx.access.patientId)),
  record: careTeamProcedure.input(recordWeeklyReviewInput).mutation(({ ctx, input }) => recordWeeklyReview(ctx.db, { ...ctx.actor, discipline: ctx.access.discipline }, input)),
});
