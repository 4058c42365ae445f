// The team's multidisciplinary reviews: the meetings the clinician attends, and a new meeting built from the agenda.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { disciplineFor } from '~/lib/accounts/profession';
import { calendarDate } from '~/lib/dates';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';
import { Badge, Card, EmptyState, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { NewMeetingForm } from './new-meeting-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Mdt');
  return { title: t('metaTitle') };
}

export default async function MdtPage() {
  const me = await requireUser('clinician');
  const api = await serverApi();
  const [meetings, agenda, patients, directory, account] = await Promise.all([api.mdt.list(), api.mdt.agenda(), api.patients.listMine(), api.patients.clinicianDirectory(), api.account.me()]);
  const t = await getTranslations('Mdt');
  const format = await getFormatter();
  const longDay = (iso: string) => format.dateTime(calendarDate(iso), { dateStyle: 'medium', timeZone: 'UTC' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: me.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

  return (
    <>
      <PageTitle subtitle={t('subtitle')}>{t('title')}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card title={t('listTitle')}>
          {meetings.length === 0 ? (
            <EmptyState title={t('listEmpty')} />
          ) : (
            <Table caption={t('listCaption')} look="plain" minWidth="36rem">
              <THead>
                <Th>{t('columns.date')}</Th>
                <Th>{t('columns.title')}</Th>
                <Th>{t('columns.patients')}</Th>
                <Th>{t('columns.attendees')}</Th>
                <Th>{t('columns.status')}</Th>
              </THead>
              <tbody>
                {meetings.map((m) => (
                  <Tr key={m.id}>
                    <Td className="whitespace-nowrap">{longDay(m.heldOn)}</Td>
                    <RowTh>
                      <Link href={`/clinician/mdt/${m.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">{m.title}</Link>
                    </RowTh>
                    <Td>{m.patients}</Td>
                    <Td>{m.attendees}</Td>
                    <Td>{m.finalisedAt ? <Badge tone="brand">{t('finalised')}</Badge> : <Badge>{t('inProgress')}</Badge>}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        <Card title={t('newTitle')}>
          <NewMeetingForm
            today={today}
            agenda={agenda.map((a) => ({ patientId: a.patientId, name: a.name, reasons: a.reasons, lastReviewedOn: a.lastReviewedOn ? longDay(a.lastReviewedOn) : null }))}
            patients={patients.map((p) => ({ patientId: p.patientId, name: p.name }))}
            colleagues={directory.filter((c) => c.id !== me.id).map((c) => ({ id: c.id, name: c.name, discipline: c.discipline }))}
            // Each person attends in the discipline their account gives them, the creator too (the one rule the care teams use).
            myDiscipline={disciplineFor(account)}
          />
        </Card>
      </div>
    </>
  );
}
