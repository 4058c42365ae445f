// Loads a patient's record for a clinician page; refused and unknown patients become 403 and 404 pages.
import 'server-only';
import { TRPCError } from '@trpc/server';
import { forbidden, notFound } from 'next/navigation';
import { cache } from 'react';
import { serverApi } from '~/app/_trpc/server';

// Once per request: the record's layout and its page both ask.
export const loadRecord = cache(async (patientId: string) => {
  const api = await serverApi();
  try {
    return await api.patients.get({ patientId });
  } catch (error) {
    if (error instanceof TRPCError) {
      // A malformed id, someone else's patient and an unknown patient all look the same from outside.
      if (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST') forbidden();
      if (error.code === 'NOT_FOUND') notFound();
    }
    throw error;
  }
});
