'use client';
// The urgent-care screen shown the moment a check-in reports a red flag: get help now, the crisis line for
// thoughts of self-harm, the care team's number, what to do and not do, what was reported, the baclofen
// taken, and who is on the care team. Offline it shows at once too, saying plainly the team is not told yet.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import type { Ref } from 'react';
import { PhoneLink } from '~/app/_components/phone-link';
import { TakeText } from '~/app/_components/taper/take-text';
import { Card } from '~/app/_components/ui';
import type { PatternCode, VitalCode } from '~/lib/checkins/red-flags';
import { redFlagCodes, type RedFlagCode } from '~/lib/checkins/types';
import { bigPrimary, bigSecondary, Section } from './section';
import type { CareTeamMember, CheckInResult, PlannedDose, UrgentContacts } from './types';

// Records, not lists, so a pattern or vital sign added on the server is a type error here until it has words.
const patternCodes: Record<PatternCode, true> = { 'escalating-pain': true, 'escalating-agitation': true, 'escalating-insomnia': true };
const vitalCodes: Record<VitalCode, true> = { 'high-heart-rate': true, 'low-heart-rate': true, 'high-systolic': true, 'low-systolic': true, 'high-diastolic': true };
const isReported = (code: string): code is RedFlagCode => (redFlagCodes as readonly string[]).includes(code);
const isPattern = (code: string): code is PatternCode => Object.hasOwn(patternCodes, code);
const isVital = (code: string): code is VitalCode => Object.hasOwn(vitalCodes, code);

export function UrgentCare({
  headingRef, emergencyNumber, emergency, contacts, flags, plannedDoses, takenDoses, careTeam, teamTold = true,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  emergencyNumber: string | null;
  /** The emergency number, or words for it when none is configured: whom to call when no other number is set. */
  emergency: string;
  contacts: UrgentContacts;
  flags: CheckInResult['redFlags'];
  plannedDoses: PlannedDose[];
  /** What the patient reported taking, shown when no plan is running. */
  takenDoses: { time: string; mg: number }[];
  /** Null where it is not known (the offline shell): the card is left out rather than say "no one". */
  careTeam: CareTeamMember[] | null;
  /** False while the check-in waits on this phone (offline): the care team has not been told yet. */
  teamTold?: boolean;
}) {
  const t = useTranslations('CheckIn');
  const tc = useTranslations('Common');
  const tk = useTranslations('Contacts.urgent');
  const selfHarm = flags.some((f) => f.code === 'self-harm-thoughts');
  const dailyMg = plannedDoses.reduce((sum, d) => sum + d.mg, 0);
  const flagText = (code: string) =>
    isReported(code) ? t(`redFlags.codes.${code}`) : isVital(code) ? t(`redFlags.vitals.${code}`) : isPattern(code) ? t(`redFlags.patterns.${code}`) : code;

  return (
    <div className="flex flex-col gap-5 text-lg">
      <div role="alert" className="rounded-xl bg-red-700 p-5 text-white shadow">
        <h1 ref={headingRef} tabIndex={-1} className="text-3xl font-bold">{t('urgent.title')}</h1>
        {emergencyNumber ? (
          <>
            <a
              href={`tel:${emergencyNumber.replace(/\s/g, '')}`}
              className="mt-4 flex min-h-14 w-full items-center justify-center rounded-lg bg-white px-4 text-2xl font-bold text-red-800 underline-offset-4 hover:underline"
            >
              {t('urgent.call', { number: emergencyNumber })}
            </a>
            <p className="mt-3 text-xl font-semibold">{t('urgent.orGo')}</p>
          </>
        ) : (
          <p className="mt-3 text-xl font-semibold">{t('urgent.callLocal')}</p>
        )}
        {/* Inside the alert, so the change to "alerted" once the phone has sent it is read out too. */}
        <p className={teamTold ? 'mt-3 font-semibold' : 'mt-3 rounded-lg bg-white p-3 font-bold text-red-900'}>{teamTold ? t('urgent.alerted') : t('urgent.notAlerted')}</p>
      </div>

      {selfHarm && (
        <Section title={tk('crisisTitle')} className="border-2 border-brand-700">
          {contacts.crisisLine ? (
            <>
              <p>{tk('crisisBody', { name: contacts.crisisLine.name })}</p>
              <PhoneLink number={contacts.crisisLine} className={`${bigPrimary} mt-3 w-full text-center text-xl`}>
                {tk('crisisCall', { name: contacts.crisisLine.name, number: contacts.crisisLine.display })}
              </PhoneLink>
            </>
          ) : (
            <p className="font-semibold">{tk('crisisNone', { emergency })}</p>
          )}
        </Section>
      )}

      <Section title={tk('careTeamTitle')}>
        {contacts.careTeam ? (
          <PhoneLink number={contacts.careTeam} className={`${bigPrimary} w-full text-center text-xl`}>
            {tk('careTeamCall', { number: contacts.careTeam.display })}
          </PhoneLink>
        ) : (
          <p className="font-semibold">{tk('careTeamNone', { emergency })}</p>
        )}
      </Section>

      <Card title={t('urgent.doNowTitle')}>
        <ol className="flex list-decimal flex-col gap-2 pl-6">
          <li>{t('urgent.doNow.call')}</li>
          <li className="font-semibold">{t('urgent.doNow.noChange')}</li>
          <li>{t('urgent.doNow.someone')}</li>
          <li>{t('urgent.doNow.tell')}</li>
        </ol>
      </Card>

      <Card title={t('urgent.reportedTitle')}>
        <ul className="flex list-disc flex-col gap-2 pl-6">
          {flags.map((f) => <li key={f.code}>{flagText(f.code)}</li>)}
        </ul>
      </Card>

      <Card title={t('urgent.baclofenTitle')}>
        {plannedDoses.length > 0 ? (
          <>
            <p className="font-semibold">{t('urgent.baclofenToday', { mg: dailyMg })}</p>
            <ul className="mt-2 flex flex-col gap-2">
              {plannedDoses.map((d) => (
                <li key={d.time} className="flex flex-col">
                  <span>
                    <span className="font-bold tabular-nums">{d.time}</span> {t('doses.extraMgValue', { mg: d.mg })}
                  </span>
                  <TakeText take={d.take} className="text-slate-800" />
                </li>
              ))}
            </ul>
          </>
        ) : takenDoses.length > 0 ? (
          <ul className="flex flex-col gap-2">
            {takenDoses.map((d, i) => (
              <li key={i} className="flex gap-x-3">
                <span className="font-bold tabular-nums">{d.time}</span>
                <span>{t('doses.extraMgValue', { mg: d.mg })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('urgent.baclofenNone')}</p>
        )}
      </Card>

      {careTeam && <Card title={t('urgent.teamTitle')}>
        {careTeam.length === 0 ? (
          <p>{t('urgent.teamEmpty')}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200">
            {careTeam.map((m) => (
              <li key={m.clinicianId} className="flex flex-col py-2 first:pt-0 last:pb-0">
                <span className="font-semibold">{m.name}</span>
                <span className="text-slate-700">{tc(`disciplines.${m.discipline}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>}

      <div>
        <Link prefetch={false} href="/patient" className={`${bigSecondary} w-full sm:w-auto`}>{t('urgent.home')}</Link>
      </div>
    </div>
  );
}
