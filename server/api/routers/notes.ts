// Notes: the patient and their care team read the thread (the patient only what is shared) and write to it.
import { patientIdInput } from '~/lib/validation';
import { createNote, listNotes } from '~/server/notes/service';
import { createNoteInput } from '~/lib/notes/inputs';
import { patientOrCareTeamProcedure, router } from '../trpc';

export const notesRouter = router({
  list: patientOrCareTeamProcedure.input(patientIdInput).query(({ ctx }) => listNotes(ctx.db, ctx.access)),
  create: patientOrCareTeamProcedure.input(createNoteInput).mutation(({ ctx, input }) => createNote(ctx.db, ctx.actor, ctx.access, input)),
});
