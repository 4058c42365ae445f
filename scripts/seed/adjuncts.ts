// Demo supports alongside the taper: Maria's running plan lists physiotherapy, stretching, sleep hygiene, a short
// rescue course within its limits and a massage course that ended; James's proposed plan lists heat packs.
import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '~/db';
import { taperPlans, users } from '~/db/schema';
import { addAdjunct, stopAdjunct } from '~/server/adjuncts/service';
import type { Actor } from '~/server/audit';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/dates';

async function openPlanOf(db: Db, patientId: string) {
  const [plan] = await db
    .select({ id: taperPlans.id, timeZone: users.timeZone })
    .from(taperPlans)
    .innerJoin(users, eq(users.id, taperPlans.patientId))
    .where(and(eq(taperPlans.patientId, patientId), notInArray(taperPlans.status, ['completed', 'stopped'])));
  return plan;
}

const none = { maxDays: null, stopCriteria: null, followUpOn: null };

export async function seedAdjuncts(db: Db, prescriber: Actor, [maria, james]: string[]) {
  const mariaPlan = maria ? await openPlanOf(db, maria) : undefined;
  if (maria && mariaPlan) {
    const today = localDate(mariaPlan.timeZone, new Date());
    const ref = { patientId: maria, planId: mariaPlan.id };
    await addAdjunct(db, prescriber, { ...ref, kind: 'physiotherapy', name: 'Weekly with Sam Lind', notes: 'Tuesdays at 10:00; home programme on the other days.', startedOn: addDays(today, -21), ...none });
    await addAdjunct(db, prescriber, { ...ref, kind: 'stretching', name: '', notes: 'Calf and hamstring stretches morning and evening, 10 minutes.', startedOn: addDays(today, -21), ...none });
    await addAdjunct(db, prescriber, { ...ref, kind: 'sleep-hygiene', name: '', notes: 'Same bedtime each night; no screens in the last hour.', startedOn: addDays(today, -14), ...none });
    await addAdjunct(db, prescriber, {
      ...ref, kind: 'rescue-medication', name: 'Diazepam 2 mg at night', notes: 'Only on nights when spasms stop her sleeping.', startedOn: addDays(today, -2),
      maxDays: 5, stopCriteria: 'Stop when night spasms are 2 or less on two nights in a row, or after 5 days at the most.', followUpOn: addDays(today, 4),
    });
    const massage = await addAdjunct(db, prescriber, { ...ref, kind: 'massage', name: '', notes: 'Four sessions.', startedOn: addDays(today, -20), ...none });
    await stopAdjunct(db, prescriber, { patientId: maria, adjunctId: massage.id, expectedVersion: massage.version, stoppedOn: addDays(today, -6), reason: 'The four sessions are done.' });
  }
  const jamesPlan = james ? await openPlanOf(db, james) : undefined;
  if (james && jamesPlan) {
    const today = localDate(jamesPlan.timeZone, new Date());
    await addAdjunct(db, prescriber, { patientId: james, planId: jamesPlan.id, kind: 'heat-cold', name: 'Warm packs', notes: 'Before stretching, 15 minutes.', startedOn: today, ...none });
  }
}
