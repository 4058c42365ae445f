'use client';
// A small celebration of new milestones: a polite status banner (not a modal), dismissed by the patient.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Button } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { loadApi } from '~/app/_trpc/lazy';
import type { MilestoneView } from '~/server/milestones/service';
import { MilestoneText } from './milestone-text';

export function CelebrationBanner({ patientId, milestones }: { patientId: string; milestones: MilestoneView[] }) {
  const t = useTranslations('Milestones');
  const network = useNetworkWords();
  const tc = useTranslations('Common');
  const router = useRouter();
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The plain client, not React Query, fetched at the tap: the patient's home page needs nothing else from it.
  const [dismissing, setDismissing] = useState(false);
  const inFlight = useRef(false);

  function dismiss() {
    if (inFlight.current) return;
    inFlight.current = true;
    setDismissing(true);
    void loadApi().then((api) => api.milestones.markSeen.mutate({ patientId, milestoneIds: milestones.map((m) => m.id) })).then(
      () => {
        setHidden(true);
        router.refresh();
      },
      (e: unknown) => setError(formErrorFrom(e, tc('errorGeneric'), network).message),
    ).finally(() => {
      inFlight.current = false;
      setDismissing(false);
    });
  }
  return (
    <div role="status">
      {!hidden && milestones.length > 0 && (
        <div className="flex flex-col gap-3 rounded-xl border-2 border-emerald-400 bg-emerald-50 p-4 text-emerald-950 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex gap-3">
            {/* An icon drawn here, not an emoji: it looks the same on every device and font. */}
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-8 w-8 shrink-0 fill-amber-400 stroke-amber-700" strokeWidth="1.5" strokeLinejoin="round">
              <path d="M12 2.5l2.9 5.9 6.5.9-4.7 4.6 1.1 6.5L12 17.3l-5.8 3.1 1.1-6.5L2.6 9.3l6.5-.9z" />
            </svg>
            <div>
              <p className="font-bold">{t('celebrationTitle')}</p>
              <ul className="mt-1 flex flex-col gap-1">
                {milestones.slice(0, 5).map((m) => (
                  <li key={m.id}><MilestoneText milestone={m} /></li>
                ))}
              </ul>
              {milestones.length > 5 && <p className="mt-1">{t('andMore', { count: milestones.length - 5 })}</p>}
              {error && <p className="mt-2 font-medium text-red-800">{error}</p>}
            </div>
          </div>
          <Button
            variant="secondary"
            className="min-h-12 shrink-0"
            disabled={dismissing}
            onClick={dismiss}
          >
            {dismissing ? t('dismissing') : t('dismiss')}
          </Button>
        </div>
      )}
    </div>
  );
}
