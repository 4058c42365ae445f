// One MDT meeting (attendees only): attendees and who signed, each patient's item (withheld when the viewer is
// not on that patient's team), the outcome forms, dissent, signing and finalising.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { calendarDate, localDate } from '~/lib/dates';
import { Badge, Card, Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { MeetingRecord } from './meeting-record';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Mdt');
  return { title: t('metaTitle') };
}

async function loadMeeting(meetingId: string) {
  const api = await serverApi();
  try {
    return await api.mdt.get({ meetingId });
  } catch (error) {
    // Someone else's meeting, an unknown one and a malformed id all look the same from outside.
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST')) forbidden();
    throw error;
  }
}

export default async function MeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const me = await requireUser('clinician');
  const view = await loadMeeting(meetingId);
  const t = await getTranslations('Mdt');
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  const longDay = (iso: string) => format.dateTime(calendarDate(iso), { dateStyle: 'long', timeZone: 'UTC' });
  const { meeting } = view;
  // The server reads a meeting's date on the finaliser's calendar too (finaliseMeeting).
  const notHeldYet = meeting.heldOn > localDate(me.timeZone, new Date());

  return (
    <>
      <PageTitle subtitle={`${t('heldOnText', { date: longDay(meeting.heldOn) })} · ${t('createdBy', { name: meeting.createdByName ?? '' })}`}>{meeting.title}</PageTitle>
      <p className="mb-4">
        <Link href="/clinician/mdt" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">{t('back')}</Link>
      </p>
      <div className="flex flex-col gap-6">
        {meeting.finalisedAt ? (
          <Notice tone="success">{t('finalisedNotice', { when: format.dateTime(meeting.finalisedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: me.timeZone }) })}</Notice>
        ) : (
          <Notice tone="info">{t('openNotice')}</Notice>
        )}
        <Card title={t('attendeesTitle')}>
          <ul className="flex flex-wrap gap-x-6 gap-y-1">
            {view.attendees.map((a) => (
              <li key={a.clinicianId} className="flex flex-wrap items-center gap-2">
                <span><span className="font-medium">{a.name}</span> <span className="text-slate-700">({tc(`disciplines.${a.discipline}`)})</span></span>
                <Badge tone={a.signed ? 'brand' : 'neutral'}>{a.signed ? t('attendeeSigned') : t('attendeeNotSigned')}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        <MeetingRecord
          meetingId={meeting.id}
          title={meeting.title}
          version={meeting.version}
          finalised={meeting.finalisedAt !== null}
          signedByMe={view.signedByMe}
          heldOn={meeting.heldOn}
          timeZone={me.timeZone}
          finaliseNotBefore={notHeldYet ? longDay(meeting.heldOn) : null}
          items={view.items.map((i) => (i.withheld ? { id: i.id, withheld: true as const, teamSigned: i.teamSigned } : {
            ...i,
            agendaReasons: i.agendaReasons,
            nextReviewText: i.nextReviewOn ? longDay(i.nextReviewOn) : null,
          }))}
        />
      </div>
    </>
  );
}
