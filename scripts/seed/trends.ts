// Demo data for the trends chart: three weeks of Maria's check-ins with the doses she took, so dose, adherence and scores have a shape.
import type { Db } from '~/db';
import { submitCheckIn } from '~/server/checkins/service';
import { localDate } from '~/lib/dates';
import { getPlanView } from '~/server/plans/service';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Maria's tightness over her last ten days, oldest first. */
const lastTenDays = [3, 3, 4, 3, 4, 5, 4, 4, 5, 4];

/**
 * Maria sends her check-ins through the app as she would, one a day in date order for three weeks (so the
 * milestones are recorded as the days go by), with the doses she took. A few doses are missed, and
 * tightness and sleep wobble after each reduction, as they often do.
 */
export async function seedTrends(db: Db, mariaId: string | undefined) {
  if (!mariaId) return;
  const view = await getPlanView(db, mariaId, 'team');
  const steps = view.plan?.steps ?? [];
  const maria = { id: mariaId, role: 'patient' as const };
  for (let daysAgo = 20; daysAgo >= 1; daysAgo--) {
    // Early evening on the day: the same local day in London whatever the server's clock.
    const now = new Date(Date.now() - daysAgo * DAY_MS);
    const day = localDate('Europe/London', now);
    const step = steps.find((s) => s.startDate <= day && day <= s.endDate);
    const missed = daysAgo === 4 || daysAgo === 13 ? 0 : daysAgo === 17 ? 2 : -1;
    const doses = (step?.doses ?? []).map((d, i) => (i === missed ? { time: d.time, takenMg: null, status: 'missed' as const } : { time: d.time, takenMg: d.mg, status: 'taken' as const }));
    const sinceStep = step ? Math.round((Date.parse(day) - Date.parse(step.startDate)) / DAY_MS) : 7;
    // A little worse in the first days after a cut, settling again; tightness creeping up over the last ten days.
    const wobble = sinceStep < 3 ? 1 : 0;
    const scores = {
      spasticity: daysAgo <= 10 ? (lastTenDays[10 - daysAgo] ?? 4) : 3 + wobble,
      spasmFrequency: 1, sleepQuality: 7 - wobble, restlessness: 2 + wobble, anxiety: 2, mood: 7, pain: 2, headache: 0, nausea: 0, strengthMobility: 7,
    };
    await submitCheckIn(db, maria, {
      patientId: mariaId,
      idempotencyKey: crypto.randomUUID(),
      localDate: day,
      doses,
      scores,
      sleepHours: wobble ? 6 : 7.5,
      redFlags: [],
      stressors: '',
      activity: 'Physiotherapy exercises',
      systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null,
      notes: '',
    }, now);
  }
}
