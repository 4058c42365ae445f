'use client';
// Today's check-in form: doses against the plan, scores, red-flag questions and the rest, sent with an
// idempotency key so a flaky phone can resend safely; then the urgent-care screen or a calm thank-you.
import { TRPCClientError } from '@trpc/client';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TakeText } from '~/app/_components/taper/take-text';
import { Notice } from '~/app/_components/ui';
import { vanillaApi } from '~/app/_trpc/vanilla';
import { redFlagCodes, scoreKeys, type RedFlagCode, type ScoreKey } from '~/lib/checkins/types';
import { bigPrimary, bigSecondary, InputField, OptionGroup, ScoreGroup, Section, TextAreaField, YesBox } from './choices';
import type { CareTeamMember, CheckInDay, CheckInResult, SubmitInput } from './types';
import { UrgentCare } from './urgent-care';

type DoseChoice = 'taken' | 'changed' | 'missed';
type Pair = [number | null, number | null];
type ZeroToTen = Exclude<ScoreKey, 'spasmFrequency'>;

interface Answers {
  /** One per planned dose, in the plan's order; null = not answered (a later dose), left out when sent. */
  planned: { choice: DoseChoice | null; mg: string }[];
  /** Doses taken outside a running plan (or before it starts). */
  extras: { id: number; time: string; mg: string }[];
  scores: Record<ScoreKey, number | null>;
  sleepHours: string;
  redFlags: RedFlagCode[];
  stressors: string;
  activity: string;
  systolic: string;
  diastolic: string;
  heartRate: string;
  phq2: Pair;
  gad2: Pair;
  notes: string;
}

type Body = Omit<SubmitInput, 'idempotencyKey'>;
type Errors = Record<string, string[]>;

const MAX_DOSES = 6;
const coreScores = ['spasticity', 'spasmFrequency', 'sleepQuality'] as const;
const moreScores = ['restlessness', 'anxiety', 'mood', 'pain', 'headache', 'nausea', 'strengthMobility'] as const satisfies readonly ZeroToTen[];
/** Errors the form shows next to a field; any other key goes in the summary above the send button. */
const placedKey = /^(planned\.\d+|extra\.\d+\.(time|mg)|scores\.\w+|sleepHours|systolic|diastolic|heartRate|phq2|gad2|stressors|activity|notes)$/;
const retryableCodes = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'TOO_MANY_REQUESTS', 'TIMEOUT', 'CLIENT_CLOSED_REQUEST']);

/** A v4 UUID; crypto.randomUUID needs a secure context, so plain http on a LAN falls back to getRandomValues. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function initialAnswers(day: CheckInDay): Answers {
  const e = day.existing;
  const doses = e?.doses ?? [];
  const byTime = new Map(doses.map((d) => [d.time, d]));
  const plannedTimes = new Set(day.plannedDoses.map((d) => d.time));
  const scores = Object.fromEntries(scoreKeys.map((k) => [k, e?.[k] ?? null])) as Record<ScoreKey, number | null>;
  const pair = (v: number[] | null | undefined): Pair => [v?.[0] ?? null, v?.[1] ?? null];
  return {
    planned: day.plannedDoses.map((p) => {
      const d = byTime.get(p.time);
      // "Taken as planned" earlier, but the plan's dose has changed since: keep the amount actually taken.
      const choice = d?.status === 'taken' && d.takenMg !== p.mg ? 'changed' : (d?.status ?? null);
      return { choice, mg: choice === 'changed' ? text(d?.takenMg) : '' };
    }),
    extras: doses.filter((d) => !plannedTimes.has(d.time) && d.takenMg !== null).map((d, i) => ({ id: i, time: d.time, mg: text(d.takenMg) })),
    scores,
    sleepHours: text(e?.sleepHours),
    redFlags: e?.redFlags ?? [],
    stressors: e?.stressors ?? '',
    activity: e?.activity ?? '',
    systolic: text(e?.systolic),
    diastolic: text(e?.diastolic),
    heartRate: text(e?.heartRate),
    phq2: pair(e?.phq2),
    gad2: pair(e?.gad2),
    notes: e?.notes ?? '',
  };
}

/** Failure of the last send, as the patient needs it: can they just retry, and what to say. */
interface Failure {
  message: string;
  retry: boolean;
  reload: boolean;
}

export function CheckInForm({
  patientId, day, todayLabel, careTeam, emergencyNumber,
}: {
  patientId: string;
  day: CheckInDay;
  todayLabel: string;
  careTeam: CareTeamMember[];
  emergencyNumber: string | null;
}) {
  const t = useTranslations('CheckIn');
  const tc = useTranslations('Common');
  const router = useRouter();
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(day));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ saved: CheckInResult; body: Body } | null>(null);
  const [view, setView] = useState<'form' | 'saved' | 'urgent'>('form');
  /**
   * The key names one set of answers. Retry (or sending again unchanged) reuses it, so a check-in that did
   * land before the connection dropped is not saved twice; changed answers get a fresh key, since the
   * server refuses different answers under a used one. After a save the next send is a correction.
   */
  const keyRef = useRef<{ key: string; body: string } | null>(null);
  const nextExtraId = useRef(answers.extras.length);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const showScreeners = day.screenersDue || Boolean(day.existing?.phq2 ?? day.existing?.gad2);
  const emergency = emergencyNumber ?? t('localNumber');

  /** A send is on its way: the button says so and a second tap does not send again. */
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false);
  // An answer that arrives after the patient has left the page changes nothing (no refresh, no state).
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  function onSaved(saved: CheckInResult, body: Body) {
    keyRef.current = null;
    setResult({ saved, body });
    setErrors({});
    setFailure(null);
    setView(saved.urgent ? 'urgent' : 'saved');
    router.refresh();
  }

  function onFailed(error: unknown, targets: string[]) {
    const data = error instanceof TRPCClientError ? (error.data as { code?: string; fieldErrors?: Errors } | undefined) : undefined;
    if (!data) {
      // No answer from the server (offline, dropped, a proxy page): the check-in may or may not have landed.
      setFailure({ message: t('errors.network'), retry: true, reload: false });
    } else {
      const fieldErrors: Errors = {};
      for (const [key, messages] of Object.entries(data.fieldErrors ?? {})) {
        const ui = uiKeyOf(key, targets);
        fieldErrors[ui] = [...(fieldErrors[ui] ?? []), ...messages];
      }
      setErrors(fieldErrors);
      // The server refuses different answers under a used key: the next send gets a fresh one.
      if (data.code === 'CONFLICT') keyRef.current = null;
      const retry = data.code !== undefined && (retryableCodes.has(data.code) || data.code === 'CONFLICT');
      setFailure({
        message:
          data.code === 'SERVICE_UNAVAILABLE' ? t('errors.retryable')
          : Object.keys(fieldErrors).length ? t('errors.fields')
          : (error as Error).message || tc('errorGeneric'),
        retry,
        reload: Boolean(fieldErrors.localDate),
      });
    }
    setAttempt((n) => n + 1);
  }

  useEffect(() => {
    if (view === 'form') return;
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [view]);
  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  function set<K extends keyof Answers>(key: K, value: Answers[K]) {
    setAnswers((a) => ({ ...a, [key]: value }));
  }
  function setPlanned(index: number, change: Partial<Answers['planned'][number]>) {
    setAnswers((a) => ({ ...a, planned: a.planned.map((d, i) => (i === index ? { ...d, ...change } : d)) }));
  }
  function setExtra(id: number, change: Partial<Answers['extras'][number]>) {
    setAnswers((a) => ({ ...a, extras: a.extras.map((d) => (d.id === id ? { ...d, ...change } : d)) }));
  }

  function send(body: Body, targets: string[]) {
    const canonical = JSON.stringify(body);
    // Different answers under an old key would be refused by the server, so they get a key of their own.
    if (!keyRef.current || keyRef.current.body !== canonical) keyRef.current = { key: newKey(), body: canonical };
    setFailure(null);
    inFlight.current = true;
    setSending(true);
    const settle = (then: () => void) => {
      inFlight.current = false;
      if (!mounted.current) return;
      setSending(false);
      then();
    };
    void vanillaApi.checkins.submit.mutate({ ...body, idempotencyKey: keyRef.current.key }).then(
      (saved) => settle(() => onSaved(saved, body)),
      (error: unknown) => settle(() => onFailed(error, targets)),
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    const built = buildBody(answers, day, patientId, {
      number: t('errors.number'), wholeNumber: t('errors.wholeNumber'), time: t('errors.time'), bothOrNeither: t('screeners.bothOrNeither'),
    });
    if (Object.keys(built.errors).length) {
      setErrors(built.errors);
      setFailure({ message: t('errors.fields'), retry: false, reload: false });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    send(built.body, built.targets);
  }

  if (view === 'urgent' && result) {
    const taken = result.body.doses.flatMap((d) => (d.takenMg === null ? [] : [{ time: d.time, mg: d.takenMg }]));
    return <UrgentCare headingRef={headingRef} emergencyNumber={emergencyNumber} flags={result.saved.redFlags} plannedDoses={day.plannedDoses} takenDoses={taken} careTeam={careTeam} />;
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

  const doseCount = answers.planned.length + answers.extras.length;
  const unplaced = Object.entries(errors).filter(([key]) => !placedKey.test(key)).flatMap(([, messages]) => messages);
  const scoreErrors = (key: ScoreKey) => [...(errors[`scores.${key}`] ?? [])];
  const clearFor = (question: string) => ({ text: t('scores.clear'), label: t('scores.clearLabel', { question }) });
  const zeroToTen = (key: ZeroToTen) => {
    const label = t(`scores.${key}.label`);
    const low = t(`scores.${key}.low`);
    const high = t(`scores.${key}.high`);
    return (
      <ScoreGroup
        key={key}
        name={key}
        legend={label}
        max={10}
        low={low}
        high={high}
        anchors={t('scores.anchors', { low, high, max: 10 })}
        value={answers.scores[key]}
        onChange={(v) => set('scores', { ...answers.scores, [key]: v })}
        clear={clearFor(label)}
        errors={scoreErrors(key)}
      />
    );
  };
  const screenerItem = (which: 'phq2' | 'gad2', item: 0 | 1) => {
    const question = t(`screeners.${which}.${item}`);
    const pair = answers[which];
    const errs = errors[which] && (pair[item] === null || (pair[0] !== null && pair[1] !== null && item === 0)) ? errors[which] : undefined;
    return (
      <OptionGroup<number>
        key={`${which}-${item}`}
        name={`${which}-${item}`}
        legend={question}
        options={([0, 1, 2, 3] as const).map((n) => ({ value: n, label: <><span className="w-6 tabular-nums">{n}</span>{t(`screeners.answers.${n}`)}</> }))}
        value={pair[item]}
        onChange={(v) => set(which, (item === 0 ? [v, pair[1]] : [pair[0], v]) as Pair)}
        clear={clearFor(question)}
        errors={errs}
      />
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5 text-lg">
      <div>
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('title')}</h1>
        <p className="mt-1 font-semibold text-slate-800">{t('today', { date: todayLabel })}</p>
        <p className="mt-1 text-slate-700">{t('intro')}</p>
      </div>
      {day.existing && <Notice tone="info">{t('already')}</Notice>}

      <Section title={t('doses.title')}>
        <div className="flex flex-col gap-5">
          {day.planStatus === 'paused' && day.plannedDoses.length > 0 && <p>{t('paused')}</p>}
          {errors.doses && <p className="font-medium text-red-800">{errors.doses.join(' ')}</p>}
          {day.plannedDoses.length > 0 ? (
            <>
              <p className="text-slate-700">{t('doses.hint')}</p>
              {day.plannedDoses.map((planned, i) => {
                const state = answers.planned[i] ?? { choice: null, mg: '' };
                return (
                  <OptionGroup<DoseChoice>
                    key={planned.time}
                    name={`dose-${i}`}
                    legend={t('doses.doseLegend', { time: planned.time, mg: planned.mg })}
                    hint={<TakeText take={planned.take} />}
                    options={[
                      { value: 'taken', label: t('doses.taken') },
                      { value: 'changed', label: t('doses.changed') },
                      { value: 'missed', label: t('doses.missed') },
                    ]}
                    value={state.choice}
                    onChange={(choice) => setPlanned(i, { choice })}
                    clear={{ text: t('doses.clear'), label: `${t('doses.clear')}: ${planned.time}` }}
                    errors={state.choice === 'changed' ? undefined : errors[`planned.${i}`]}
                  >
                    {state.choice === 'changed' && (
                      <InputField
                        label={t('doses.takenMg', { time: planned.time })}
                        hint={t('doses.takenMgHint')}
                        type="number"
                        inputMode="decimal"
                        min={0}
                        step="any"
                        value={state.mg}
                        onChange={(e) => setPlanned(i, { mg: e.target.value })}
                        errors={errors[`planned.${i}`]}
                      />
                    )}
                  </OptionGroup>
                );
              })}
            </>
          ) : (
            <p className="text-slate-700">{t('doses.noPlanHint')}</p>
          )}

          {(day.plannedDoses.length === 0 || answers.extras.length > 0) && (
            <div className="flex flex-col gap-4">
              {day.plannedDoses.length > 0 && <h3 className="font-semibold">{t('doses.extraTitle')}</h3>}
              {answers.extras.map((d, i) => (
                <fieldset key={d.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-3">
                  <legend className="px-1 font-semibold">{t('doses.extraLegend', { number: i + 1 })}</legend>
                  <div className="grid grid-cols-2 gap-3">
                    <InputField label={t('doses.extraTime')} type="time" value={d.time} onChange={(e) => setExtra(d.id, { time: e.target.value })} errors={errors[`extra.${d.id}.time`]} />
                    <InputField label={t('doses.extraMg')} type="number" inputMode="decimal" min={0} step="any" value={d.mg} onChange={(e) => setExtra(d.id, { mg: e.target.value })} errors={errors[`extra.${d.id}.mg`]} />
                  </div>
                  <button type="button" className={`${bigSecondary} self-start`} onClick={() => set('extras', answers.extras.filter((x) => x.id !== d.id))}>
                    {t('doses.remove', { number: i + 1 })}
                  </button>
                </fieldset>
              ))}
              {day.plannedDoses.length === 0 && (
                doseCount < MAX_DOSES ? (
                  <button
                    type="button"
                    className={`${bigSecondary} w-full sm:w-auto sm:self-start`}
                    onClick={() => set('extras', [...answers.extras, { id: nextExtraId.current++, time: '', mg: '' }])}
                  >
                    {t('doses.add')}
                  </button>
                ) : (
                  <p className="text-slate-700">{t('doses.max')}</p>
                )
              )}
            </div>
          )}
        </div>
      </Section>

      <Section title={t('scores.title')}>
        <div className="flex flex-col gap-6">
          {errors.scores && <p className="font-medium text-red-800">{errors.scores.join(' ')}</p>}
          {coreScores.map((key) =>
            key === 'spasmFrequency' ? (
              <OptionGroup<number>
                key={key}
                name={key}
                legend={t('scores.spasmFrequency.label')}
                options={([0, 1, 2, 3, 4] as const).map((n) => ({ value: n, label: <><span className="w-6 tabular-nums">{n}</span>{t(`scores.spasmFrequency.${n}`)}</> }))}
                value={answers.scores.spasmFrequency}
                onChange={(v) => set('scores', { ...answers.scores, spasmFrequency: v })}
                clear={clearFor(t('scores.spasmFrequency.label'))}
                errors={scoreErrors(key)}
              />
            ) : (
              zeroToTen(key)
            ),
          )}
          <InputField
            label={t('scores.sleepHours')}
            hint={t('scores.sleepHoursHint')}
            type="number"
            inputMode="decimal"
            min={0}
            max={24}
            step={0.5}
            value={answers.sleepHours}
            onChange={(e) => set('sleepHours', e.target.value)}
            errors={errors.sleepHours}
          />
          <details open className="group border-t-2 border-slate-200 pt-2">
            <summary className="flex min-h-12 cursor-pointer list-none items-center gap-3 text-xl font-bold text-slate-900 [&::-webkit-details-marker]:hidden">
              <span aria-hidden="true" className="inline-block text-base transition-transform group-open:rotate-90">▶</span>
              {t('scores.more')}
            </summary>
            <div className="flex flex-col gap-5 pt-3">{moreScores.map(zeroToTen)}</div>
          </details>
        </div>
      </Section>

      <section className="rounded-xl border-2 border-red-200 bg-white p-4 shadow-sm sm:p-5">
        <fieldset className="flex flex-col gap-3" aria-describedby="red-flags-hint">
          <legend className="mb-2">
            <h2 className="text-xl font-bold text-slate-900">{t('redFlags.legend')}</h2>
          </legend>
          <p id="red-flags-hint" className="text-slate-700">{t('redFlags.hint')}</p>
          <p className="font-semibold text-red-900">{t('redFlags.now', { emergency })}</p>
          {redFlagCodes.map((code) => (
            <YesBox
              key={code}
              label={t(`redFlags.codes.${code}`)}
              checked={answers.redFlags.includes(code)}
              onChange={(checked) => set('redFlags', checked ? [...answers.redFlags, code] : answers.redFlags.filter((c) => c !== code))}
            />
          ))}
        </fieldset>
      </section>

      {showScreeners && (
        <Section title={t('screeners.title')}>
          <div className="flex flex-col gap-5">
            <p className="text-slate-700">{t('screeners.intro')}</p>
            {screenerItem('phq2', 0)}
            {screenerItem('phq2', 1)}
            {screenerItem('gad2', 0)}
            {screenerItem('gad2', 1)}
          </div>
        </Section>
      )}

      <Section title={t('other.title')}>
        <div className="flex flex-col gap-5">
          <TextAreaField label={t('other.stressors')} hint={t('other.stressorsHint')} maxLength={500} value={answers.stressors} onChange={(e) => set('stressors', e.target.value)} errors={errors.stressors} />
          <TextAreaField label={t('other.activity')} hint={t('other.activityHint')} maxLength={500} value={answers.activity} onChange={(e) => set('activity', e.target.value)} errors={errors.activity} />
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-2 text-lg font-semibold text-slate-900">{t('other.bloodPressure')}</legend>
            <div className="grid grid-cols-2 gap-3">
              <InputField label={t('other.systolic')} type="number" inputMode="numeric" min={50} max={260} step={1} value={answers.systolic} onChange={(e) => set('systolic', e.target.value)} errors={errors.systolic} />
              <InputField label={t('other.diastolic')} type="number" inputMode="numeric" min={30} max={160} step={1} value={answers.diastolic} onChange={(e) => set('diastolic', e.target.value)} errors={errors.diastolic} />
            </div>
          </fieldset>
          <InputField label={t('other.heartRate')} hint={t('other.heartRateHint')} type="number" inputMode="numeric" min={30} max={250} step={1} value={answers.heartRate} onChange={(e) => set('heartRate', e.target.value)} errors={errors.heartRate} />
          <TextAreaField label={t('other.notes')} rows={3} maxLength={2000} value={answers.notes} onChange={(e) => set('notes', e.target.value)} errors={errors.notes} />
        </div>
      </Section>

      <div role="alert" ref={summaryRef} tabIndex={-1} className="flex flex-col gap-3">
        {failure && (
          <Notice tone="error" title={t('errors.title')}>
            <p>{failure.message}</p>
            {unplaced.length > 0 && (
              <ul className="mt-1 list-disc pl-6">
                {unplaced.map((message, i) => <li key={i}>{message}</li>)}
              </ul>
            )}
            {failure.reload && (
              <button type="button" className={`${bigSecondary} mt-3`} onClick={() => window.location.reload()}>{t('reload')}</button>
            )}
          </Notice>
        )}
        {failure && answers.redFlags.length > 0 && (
          <div className="rounded-lg bg-red-700 p-4 font-semibold text-white">
            <p>{t('errors.redFlagsUnsent', { emergency })}</p>
            {emergencyNumber && (
              <a href={`tel:${emergencyNumber.replace(/\s/g, '')}`} className="mt-3 flex min-h-12 items-center justify-center rounded-lg bg-white px-4 text-xl font-bold text-red-800">
                {t('urgent.call', { number: emergencyNumber })}
              </a>
            )}
          </div>
        )}
      </div>

      <button type="submit" className={`${bigPrimary} w-full`} disabled={sending}>
        {sending ? t('sending') : failure?.retry ? t('retry') : day.existing ? t('submitCorrection') : t('submit')}
      </button>
    </form>
  );
}

/** Maps a server field key ('doses.2.takenMg') to the form's own ('planned.0' or 'extra.5.mg'). */
function uiKeyOf(serverKey: string, targets: string[]): string {
  const dose = /^doses\.(\d+)(?:\.(\w+))?$/.exec(serverKey);
  const target = dose ? targets[Number(dose[1])] : undefined;
  if (!dose || !target) return serverKey;
  return target.startsWith('extra.') ? `${target}.${dose[2] === 'time' ? 'time' : 'mg'}` : target;
}

function buildBody(
  a: Answers,
  day: CheckInDay,
  patientId: string,
  m: { number: string; wholeNumber: string; time: string; bothOrNeither: string },
): { body: Body; targets: string[]; errors: Errors } {
  const errors: Errors = {};
  const parse = (key: string, raw: string, whole = false): number | null => {
    const s = raw.trim().replace(',', '.');
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isFinite(n)) {
      errors[key] = [m.number];
      return null;
    }
    if (whole && !Number.isInteger(n)) errors[key] = [m.wholeNumber];
    return n;
  };

  const doses: Body['doses'] = [];
  const targets: string[] = [];
  day.plannedDoses.forEach((planned, i) => {
    const state = a.planned[i];
    if (!state?.choice) return;
    let takenMg: number | null = null;
    if (state.choice === 'taken') takenMg = planned.mg;
    if (state.choice === 'changed') {
      takenMg = parse(`planned.${i}`, state.mg);
      if (takenMg === null && !errors[`planned.${i}`]) errors[`planned.${i}`] = [m.number];
    }
    doses.push({ time: planned.time, takenMg, status: state.choice });
    targets.push(`planned.${i}`);
  });
  for (const extra of a.extras) {
    const mg = parse(`extra.${extra.id}.mg`, extra.mg);
    if (extra.time === '' && mg === null && !errors[`extra.${extra.id}.mg`]) continue; // an empty row is skipped
    if (!/^\d\d:\d\d$/.test(extra.time)) errors[`extra.${extra.id}.time`] = [m.time];
    if (mg === null && !errors[`extra.${extra.id}.mg`]) errors[`extra.${extra.id}.mg`] = [m.number];
    doses.push({ time: extra.time.slice(0, 5), takenMg: mg ?? 0, status: 'taken' });
    targets.push(`extra.${extra.id}`);
  }

  const pair = (key: 'phq2' | 'gad2'): [number, number] | null => {
    const [first, second] = a[key];
    if (first === null && second === null) return null;
    if (first === null || second === null) {
      errors[key] = [m.bothOrNeither];
      return null;
    }
    return [first, second];
  };
  const screeners = day.screenersDue || Boolean(day.existing?.phq2 ?? day.existing?.gad2);

  const body: Body = {
    patientId,
    localDate: day.today,
    doses,
    scores: a.scores,
    sleepHours: parse('sleepHours', a.sleepHours),
    redFlags: a.redFlags,
    stressors: a.stressors,
    activity: a.activity,
    systolic: parse('systolic', a.systolic, true),
    diastolic: parse('diastolic', a.diastolic, true),
    heartRate: parse('heartRate', a.heartRate, true),
    phq2: screeners ? pair('phq2') : null,
    gad2: screeners ? pair('gad2') : null,
    notes: a.notes,
  };
  return { body, targets, errors };
}
