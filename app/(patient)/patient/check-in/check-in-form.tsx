'use client';
// Today's check-in form: doses against the plan, scores, red-flag questions and the rest, checked here by
// the server's own schema and sent with an idempotency key so a flaky phone can resend safely; then the
// urgent-care screen or a calm thank-you.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Notice } from '~/app/_components/ui';
import { vanillaApi } from '~/app/_trpc/vanilla';
import {
  draftOf, isPlaced, showsScreeners, uiFieldErrors, validateDraft, type CheckInBody, type CheckInSchema, type Draft, type FieldErrors, type UpdateDraft,
} from './check-in-draft';
import { DosesSection } from './doses-section';
import { OtherSection } from './other-section';
import { RedFlagsSection } from './red-flags-section';
import { ScoresSection } from './scores-section';
import { ScreenersSection } from './screeners-section';
import { bigPrimary, bigSecondary } from './section';
import { SendFailure, type Failure } from './send-failure';
import type { CareTeamMember, CheckInDay, CheckInResult, UrgentContacts } from './types';
import { UrgentCare } from './urgent-care';
import { serverErrorOf, useIdempotentSend } from './use-idempotent-send';

const retryableCodes = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'TOO_MANY_REQUESTS', 'TIMEOUT', 'CLIENT_CLOSED_REQUEST']);

export function CheckInForm({
  patientId, day, todayLabel, careTeam, contacts, emergencyNumber,
}: {
  patientId: string;
  day: CheckInDay;
  todayLabel: string;
  careTeam: CareTeamMember[];
  contacts: UrgentContacts;
  emergencyNumber: string | null;
}) {
  const t = useTranslations('CheckIn');
  const tc = useTranslations('Common');
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => draftOf(day));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ saved: CheckInResult; body: CheckInBody } | null>(null);
  const [view, setView] = useState<'form' | 'saved' | 'urgent'>('form');
  const sender = useIdempotentSend((input: CheckInBody & { idempotencyKey: string }) => vanillaApi.checkins.submit.mutate(input));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const emergency = emergencyNumber ?? t('localNumber');
  // The server's schema, fetched once the page shows (zod is too big for the phone's first download); a
  // send before it arrives, or when it cannot be fetched, is checked by the server alone, as ever.
  const schemaRef = useRef<CheckInSchema | null>(null);
  useEffect(() => {
    import('~/lib/checkins/inputs').then(
      (m) => {
        schemaRef.current = m.submitCheckInInput;
      },
      () => {},
    );
  }, []);

  useEffect(() => {
    if (view === 'form') return;
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [view]);
  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  function fail(fieldErrors: FieldErrors, next: Failure) {
    setErrors(fieldErrors);
    setFailure(next);
    setAttempt((n) => n + 1);
  }

  function onSaved(saved: CheckInResult, body: CheckInBody) {
    setResult({ saved, body });
    setErrors({});
    setFailure(null);
    setView(saved.urgent ? 'urgent' : 'saved');
    router.refresh();
  }

  function onFailed(error: unknown, targets: string[]) {
    const data = serverErrorOf(error);
    if (!data) {
      // No answer from the server (offline, dropped, a proxy page): the check-in may or may not have landed.
      setFailure({ message: t('errors.network'), retry: true, reload: false });
      setAttempt((n) => n + 1);
      return;
    }
    const fieldErrors = uiFieldErrors(data.fieldErrors ?? {}, targets);
    fail(fieldErrors, {
      message:
        data.code === 'SERVICE_UNAVAILABLE' ? t('errors.retryable')
        : Object.keys(fieldErrors).length ? t('errors.fields')
        : (error as Error).message || tc('errorGeneric'),
      retry: data.code !== undefined && (retryableCodes.has(data.code) || data.code === 'CONFLICT'),
      reload: Boolean(fieldErrors.localDate),
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (sender.inFlight()) return;
    const checked = validateDraft(draft, day, patientId, {
      number: t('errors.number'), wholeNumber: t('errors.wholeNumber'), time: t('errors.time'), bothOrNeither: t('screeners.bothOrNeither'),
    }, schemaRef.current);
    if (!checked.ok) {
      fail(checked.errors, { message: t('errors.fields'), retry: false, reload: Boolean(checked.errors.localDate) });
      return;
    }
    const { body, targets } = checked;
    setErrors({});
    setFailure(null);
    sender.send(body, { onSaved: (saved) => onSaved(saved, body), onFailed: (error) => onFailed(error, targets) });
  }

  if (view === 'urgent' && result) {
    const taken = result.body.doses.flatMap((d) => (d.takenMg === null ? [] : [{ time: d.time, mg: d.takenMg }]));
    return <UrgentCare headingRef={headingRef} emergencyNumber={emergencyNumber} emergency={emergency} contacts={contacts} flags={result.saved.redFlags} plannedDoses={day.plannedDoses} takenDoses={taken} careTeam={careTeam} />;
  }
  if (view === 'saved') {
    return (
      <div className="flex flex-col gap-5 text-lg">
        <div role="status" className="rounded-xl border-l-4 border-emerald-500 bg-emerald-50 p-5 text-emerald-950">
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold sm:text-3xl">{t('saved.title')}</h1>
          <p className="mt-2">{t('saved.body')}</p>
        </div>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link href="/patient" className={bigPrimary}>{t('saved.home')}</Link>
          <button type="button" className={bigSecondary} onClick={() => setView('form')}>{t('saved.correct')}</button>
        </div>
      </div>
    );
  }

  const update: UpdateDraft = setDraft;
  const unplaced = Object.entries(errors).filter(([key]) => !isPlaced(key)).flatMap(([, messages]) => messages);
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5 text-lg">
      <div>
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('title')}</h1>
        <p className="mt-1 font-semibold text-slate-800">{t('today', { date: todayLabel })}</p>
        <p className="mt-1 text-slate-700">{t('intro')}</p>
      </div>
      {day.existing && <Notice tone="info">{t('already')}</Notice>}

      <DosesSection day={day} draft={draft} errors={errors} update={update} />
      <ScoresSection draft={draft} errors={errors} update={update} />
      <RedFlagsSection draft={draft} update={update} emergency={emergency} crisisLine={contacts.crisisLine} />
      {showsScreeners(day) && <ScreenersSection draft={draft} errors={errors} update={update} />}
      <OtherSection draft={draft} errors={errors} update={update} />

      <SendFailure failure={failure} unplaced={unplaced} redFlagsTicked={draft.redFlags.length > 0} emergency={emergency} emergencyNumber={emergencyNumber} summaryRef={summaryRef} />

      <button type="submit" className={`${bigPrimary} w-full`} disabled={sender.sending}>
        {sender.sending ? t('sending') : failure?.retry ? t('retry') : day.existing ? t('submitCorrection') : t('submit')}
      </button>
    </form>
  );
}
