// Notes: the patient and their care team read the thread (the patient only what is shared) and write to it.
import { createNote, createNoteInput, listNotes, listNotesInput } from '~/server/notes/service';
import { patientReadProcedure, router } from '../trpc';

export const notesRouter = router({
  list: patientReadProcedure.input(listNotesInput).query(({ ctx }) => listNotes(ctx.db, ctx.access)),
  create: patientReadProcedure.input(createNoteInput).mutation(({ ctx, input }) => createNote(ctx.db, ctx.actor, ctx.access, input)),
});
