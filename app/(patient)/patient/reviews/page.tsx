// The patient's team reviews, phone first: what their care team shared after each finalised meeting.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { calendarDate } from '~/lib/dates';
import { EmptyState } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('PatientReviews');
  return { title: t('metaTitle') };
}

export default async function PatientReviewsPage() {
  const me = await requireUser('patient');
  const api = await serverApi();
  const outcomes = await api.mdt.sharedOutcomes({ patientId: me.id });
  const t = await getTranslations('PatientReviews');
  const tv = await getTranslations('Conversation');
  const format = await getFormatter();
  const longDay = (iso: string) => format.dateTime(calendarDate(iso), { dateStyle: 'long', timeZone: 'UTC' });

  return (
    <div className="flex flex-col gap-5 text-lg">
      <div>
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('title')}</h1>
        <p className="mt-1 text-slate-700">{t('intro')}</p>
      </div>
      {outcomes.length === 0 ? (
        <EmptyState title={t('empty')}>{t('emptyHint')}</EmptyState>
      ) : (
        <ol className="flex flex-col gap-4">
          {outcomes.map((o) => (
            <li key={o.id}>
              <article aria-labelledby={`review-${o.id}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h2 id={`review-${o.id}`} className="text-xl font-semibold text-slate-900">{t('heldOn', { date: longDay(o.heldOn) })}</h2>
                <p className="mt-2 whitespace-pre-line text-slate-900">{o.sharedSummary}</p>
                <p className="mt-3 font-medium text-slate-800">{o.nextReviewOn ? t('nextReview', { date: longDay(o.nextReviewOn) }) : t('noNextReview')}</p>
              </article>
            </li>
          ))}
        </ol>
      )}
      <p className="text-base text-slate-700">
        {tv.rich('reviewsPointer', {
          link: (chunks) => <Link prefetch={false} href="/patient/notes" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">{chunks}</Link>,
        })}
      </p>
    </div>
  );
}
