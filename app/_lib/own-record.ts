// Loads the signed-in patient's own record for their pages, or null when their account has no patient profile (made by a script, say).
import 'server-only';
import { TRPCError } from '@trpc/server';
import { serverApi } from '~/app/_trpc/server';

export async function loadOwnRecord(patientId: string) {
  const api = await serverApi();
  try {
    return await api.patients.get({ patientId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) return null;
    throw error;
  }
}
