// Loads the patient's milestones not yet celebrated and shows them as a dismissible banner.
import 'server-only';
import { serverApi } from '~/app/_trpc/server';
import { CelebrationBanner } from './celebration-banner';

export async function MilestoneCelebration({ patientId }: { patientId: string }) {
  const api = await serverApi();
  const unseen = (await api.milestones.list({ patientId })).filter((m) => m.seenAt === null).slice(0, 100);
  if (unseen.length === 0) return null;
  return <CelebrationBanner patientId={patientId} milestones={unseen} />;
}
