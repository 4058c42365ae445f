// The patient's "who looked at my record", phone first: the people other than them who opened their record,
// by day, with what they looked at in plain words. Their own reads are recorded but not listed here.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { EmptyState } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { calendarDate } from '~/lib/dates';
import { disciplines } from '~/lib/enums';

const DAYS = 90;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('ReadAudit.mine');
  return { title: t('title') };
}

export default async function WhoLookedPage() {
  const me = await requireUser('patient');
  const api = await serverApi();
  const days = await api.readAudit.mine({ patientId: me.id, days: DAYS });
  const t = await getTranslations('ReadAudit');
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  const time = (at: Date) => format.dateTime(at, { timeStyle: 'short', timeZone: me.timeZone });
  const longDay = (iso: string) => format.dateTime(calendarDate(iso), { dateStyle: 'full', timeZone: 'UTC' });
  const roleOf = (r: { role: 'patient' | 'clinician' | 'admin'; discipline: string | null }) =>
    !r.discipline ? tc(`roles.${r.role}`) : (disciplines as readonly string[]).includes(r.discipline) ? tc(`disciplines.${r.discipline as (typeof disciplines)[number]}`) : tc(`professions.${r.discipline as 'physician'}`);

  return (
    <div className="flex flex-col gap-5 text-lg">
      <div>
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('mine.title')}</h1>
        <p className="mt-1 text-slate-700">{t('mine.subtitle', { days: DAYS })}</p>
      </div>
      {days.length === 0 ? (
        <EmptyState title={t('mine.empty', { days: DAYS })} />
      ) : (
        days.map((day) => (
          <section key={day.day} aria-labelledby={`day-${day.day}`} className="flex flex-col gap-3">
            <h2 id={`day-${day.day}`} className="text-xl font-semibold text-slate-900">{longDay(day.day)}</h2>
            <ul className="flex flex-col gap-3">
              {day.readers.map((r) => (
                <li key={r.actorId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                  <p className="font-semibold text-slate-900">
                    {r.name} <span className="font-normal text-slate-700">· {roleOf(r)}</span>
                  </p>
                  <p className="text-slate-900">{t('mine.looked', { topics: r.topics.map((topic) => t(`topics.${topic}`)).join(', ') })}</p>
                  <p className="text-base text-slate-700">{t('mine.times', { count: r.times, first: time(r.first), last: time(r.last) })}</p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <p className="text-base">
        <Link prefetch={false} href="/account" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">{t('mine.back')}</Link>
      </p>
    </div>
  );
}
