// The clinician's home: the patients whose care team they are on, and adding a new patient.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge, Card, EmptyState, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { AddPatientForm } from './add-patient-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Clinician');
  return { title: t('title') };
}

export default async function ClinicianHome() {
  // The layout checks too; checking here as well keeps the page safe however the two are rendered.
  await requireUser('clinician');
  const api = await serverApi();
  const patients = await api.patients.listMine();
  const t = await getTranslations('Clinician');
  const tc = await getTranslations('Common');

  const recordHref = (patientId: string) => `/clinician/patients/${patientId}`;
  const editLabel = (may: boolean) => (may ? t('list.mayEditYes') : t('list.mayEditNo'));
  const pumpBadge = <Badge tone="warning">{t('list.pump')}</Badge>;

  return (
    <>
      <PageTitle subtitle={t('subtitle')}>{t('title')}</PageTitle>

      {patients.length === 0 ? (
        <EmptyState title={t('list.empty')} />
      ) : (
        <>
          {/* Wide screens: a table. */}
          <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm md:block">
            <table className="w-full text-left">
              <caption className="sr-only">{t('list.caption', { count: patients.length })}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-sm text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('list.name')}</th>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('list.email')}</th>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('list.account')}</th>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('list.discipline')}</th>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('list.mayEdit')}</th>
                  <th scope="col" className="px-4 py-3 font-semibold">{t('list.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {patients.map((p) => (
                  <tr key={p.patientId} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className="px-4 py-2 font-semibold">
                      <Link href={recordHref(p.patientId)} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
                        {p.name}
                      </Link>
                    </th>
                    <td className="px-4 py-2 wrap-anywhere">{p.email}</td>
                    <td className="px-4 py-2">{tc(`accountStatus.${p.accountStatus}`)}</td>
                    <td className="px-4 py-2">{tc(`disciplines.${p.discipline}`)}</td>
                    <td className="px-4 py-2">{editLabel(p.mayEditPlan)}</td>
                    <td className="px-4 py-2">{p.hasIntrathecalPump && pumpBadge}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {/* Phones: one card per patient, the whole name a large link. */}
          <ul aria-label={t('list.caption', { count: patients.length })} className="flex flex-col gap-3 md:hidden">
            {patients.map((p) => (
              <li key={p.patientId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <Link href={recordHref(p.patientId)} className="inline-flex min-h-11 items-center text-lg font-semibold text-brand-700 underline underline-offset-2">
                  {p.name}
                </Link>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-700">{t('list.email')}</dt>
                  <dd className="wrap-anywhere">{p.email}</dd>
                  <dt className="text-slate-700">{t('list.account')}</dt>
                  <dd>{tc(`accountStatus.${p.accountStatus}`)}</dd>
                  <dt className="text-slate-700">{t('list.discipline')}</dt>
                  <dd>{tc(`disciplines.${p.discipline}`)}</dd>
                  <dt className="text-slate-700">{t('list.mayEdit')}</dt>
                  <dd>{editLabel(p.mayEditPlan)}</dd>
                </dl>
                {p.hasIntrathecalPump && <div className="mt-2">{pumpBadge}</div>}
              </li>
            ))}
          </ul>
        </>
      )}

      <Card title={t('add.title')} className="mt-8">
        <AddPatientForm />
      </Card>
    </>
  );
}
