'use client';
// Today's check-in form: doses against the plan, scores, red-flag questions and the rest, checked here by
// the server's own schema and sent with an idempotency key so a flaky phone can resend safely; then the
// urgent-care screen or a calm thank-you. Without a connection the answers are kept on the phone under that
// same key and sent when it returns ("saved on this phone, not yet sent", then "sent"); a red flag shows
// the urgent-care screen at once, saying the care team has not been told yet.
import { useTranslations } from 'next-intl';
import { issueText } from '~/app/_components/form/issue-text';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { checkInOutbox } from '~/app/_components/offline/check-in-outbox';
import type { OutboxState } from '~/app/_components/offline/outbox';
import { OutboxBanner } from '~/app/_components/offline/outbox-banner';
import { deletePending, listPending, offlineSupported, putPending } from '~/app/_components/offline/pending-store';
import { offlineReady } from '~/app/_components/offline/prepare';
import { Notice } from '~/app/_components/ui';
import { loadApi, preloadApi } from '~/app/_trpc/lazy';
import {
  draftOf, isPlaced, offlineRedFlags, showsScreeners, uiFieldErrors, validateDraft, type CheckInBody, type CheckInSchema, type Draft, type FieldErrors, type UpdateDraft,
} from './check-in-draft';
import { DosesSection } from './doses-section';
import { OtherSection } from './other-section';
import { RedFlagsSection } from './red-flags-section';
import { ScoresSection } from './scores-section';
import { ScreenersSection } from './screeners-section';
import { bigPrimary, bigSecondary } from './section';
import { SendFailure, type Failure } from './send-failure';
import type { CareTeamMember, CheckInDay, CheckInResult, SubmitInput, UrgentContacts } from './types';
import { UrgentCare } from './urgent-care';
import { serverErrorOf, useIdempotentSend } from './use-idempotent-send';

const retryableCodes = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'TOO_MANY_REQUESTS', 'TIMEOUT', 'CLIENT_CLOSED_REQUEST']);
const noOutbox: OutboxState = { pending: [], sending: false, sent: [], refused: [], waiting: null };

/** A check-in this page kept on the phone, with the red flags the phone found in it (the server's come once it is sent). */
interface Kept {
  input: SubmitInput;
  flags: CheckInResult['redFlags'];
}

export function CheckInForm({
  patientId, day, todayLabel, careTeam, contacts, emergencyNumber, shell = false,
}: {
  patientId: string;
  day: CheckInDay;
  todayLabel: string;
  /** Null where it is not known (the offline shell). */
  careTeam: CareTeamMember[] | null;
  contacts: UrgentContacts;
  emergencyNumber: string | null;
  /** The offline shell (app/(offline)): no plan, no earlier answers, and no server page to refresh. */
  shell?: boolean;
}) {
  const t = useTranslations('CheckIn');
  const tc = useTranslations('Common');
  const te = useTranslations('ServerErrors');
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => draftOf(day));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ saved: CheckInResult; body: CheckInBody } | null>(null);
  const [view, setView] = useState<'form' | 'saved' | 'urgent' | 'kept'>('form');
  const [kept, setKept] = useState<Kept | null>(null);
  const [keptNote, setKeptNote] = useState<string | null>(null);
  const outbox = useSyncExternalStore(checkInOutbox.subscribe, checkInOutbox.getState, () => noOutbox);
  const sender = useIdempotentSend(async (input: CheckInBody & { idempotencyKey: string }) => (await loadApi()).checkins.submit.mutate(input));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const emergency = emergencyNumber ?? t('localNumber');
  // The server's schema and the API client, fetched at the patient's first touch of the page, not with it
  // (zod and the client are most of the form's JavaScript; reading the page needs neither). A send before
  // the schema arrives, or when it cannot be fetched, is checked by the server alone, as ever; a send that
  // cannot fetch the client fails as offline does, and the answers are kept on the phone.
  const schemaRef = useRef<CheckInSchema | null>(null);
  useEffect(() => {
    let live = true;
    const touched = () => {
      window.removeEventListener('pointerdown', touched, true);
      window.removeEventListener('keydown', touched, true);
      window.removeEventListener('focusin', touched, true);
      import('~/lib/checkins/inputs').then(
        (m) => {
          if (live) schemaRef.current = m.submitCheckInInput;
        },
        () => {},
      );
    };
    window.addEventListener('pointerdown', touched, { capture: true, passive: true });
    window.addEventListener('keydown', touched, { capture: true, passive: true });
    window.addEventListener('focusin', touched, { capture: true, passive: true });
    const stopPreload = preloadApi();
    return () => {
      live = false;
      stopPreload();
      window.removeEventListener('pointerdown', touched, true);
      window.removeEventListener('keydown', touched, true);
      window.removeEventListener('focusin', touched, true);
    };
  }, []);

  // Check-ins kept on this phone go when the page loads and whenever the connection returns.
  useEffect(() => {
    let live = true;
    const flush = () => void checkInOutbox.flush();
    window.addEventListener('online', flush);
    void (async () => {
      await offlineReady;
      await checkInOutbox.reload().catch(() => {});
      if (live && navigator.onLine) flush();
    })();
    return () => {
      live = false;
      window.removeEventListener('online', flush);
    };
  }, []);

  // What became of the check-in this page kept: sent (the server's answer replaces the phone's), or refused.
  const keptKey = kept?.input.idempotencyKey;
  const keptSent = keptKey ? outbox.sent.find((s) => s.input.idempotencyKey === keptKey) : undefined;
  const sentCount = outbox.sent.length;
  useEffect(() => {
    // The server's page (the "already checked in" notice) catches up; the shell has no server page to refresh.
    if (sentCount > 0 && !shell) router.refresh();
  }, [sentCount, shell, router]);
  // Read by the outbox's listener below, which outlives a render.
  const keptRef = useRef<Kept | null>(null);
  useEffect(() => {
    keptRef.current = kept;
  }, [kept]);
  useEffect(
    () =>
      checkInOutbox.subscribe(() => {
        const state = checkInOutbox.getState();
        const key = keptRef.current?.input.idempotencyKey;
        if (!key || state.sending) return;
        const refused = state.refused.find((r) => r.input.idempotencyKey === key);
        if (refused) {
          // The server will never take these answers as they are: back to the form, which still holds them.
          keptRef.current = null;
          setKept(null);
          setView('form');
          setFailure({ message: t('offline.refused', { message: refused.message }), retry: false, reload: false });
          setAttempt((n) => n + 1);
        } else if (state.waiting) {
          setKeptNote(state.waiting === 'network' ? t('offline.stillOffline') : t('offline.later'));
        }
      }),
    [t],
  );

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
    setKept(null);
    setView(saved.urgent ? 'urgent' : 'saved');
    if (!shell) router.refresh();
    // Earlier answers for this day still waiting on the phone are out of date now: sent later, they would replace these.
    void forgetKeptFor(body.localDate);
  }

  async function forgetKeptFor(localDate: string, except?: string) {
    if (!offlineSupported()) return;
    try {
      for (const item of await listPending()) {
        if (item.input.localDate === localDate && item.input.patientId === patientId && item.input.idempotencyKey !== except) await deletePending(item.input.idempotencyKey);
      }
      await checkInOutbox.reload();
    } catch {
      // Storage refused: what is kept there is sent later and replaced by a correction, as any resend.
    }
  }

  /**
   * No connection: the answers stay on this phone under the key they were sent with, and go when the
   * connection returns. False where the phone cannot keep them (no IndexedDB): the form says to retry, as before.
   */
  async function keep(body: CheckInBody, idempotencyKey: string): Promise<boolean> {
    if (!offlineSupported()) return false;
    const input: SubmitInput = { ...body, idempotencyKey };
    try {
      await putPending({ input, savedAt: Date.now() });
      await forgetKeptFor(body.localDate, idempotencyKey);
    } catch {
      return false;
    }
    setErrors({});
    setFailure(null);
    setKeptNote(null);
    setKept({ input, flags: offlineRedFlags(body).map((f) => ({ code: f.code, kind: f.kind })) });
    setView('kept');
    return true;
  }

  function onFailed(error: unknown, targets: string[], body: CheckInBody, idempotencyKey: string) {
    const data = serverErrorOf(error);
    if (!data) {
      // No answer from the server (offline, dropped, a proxy page): the check-in may or may not have landed,
      // so it is kept under the same key, which the server answers with the first result if it did.
      void keep(body, idempotencyKey).then((isKept) => {
        if (isKept) return;
        setFailure({ message: t('errors.network'), retry: true, reload: false });
        setAttempt((n) => n + 1);
      });
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
      number: t('errors.number'), wholeNumber: t('errors.wholeNumber'), time: t('errors.time'), emptyDose: t('errors.emptyDose'), bothOrNeither: t('screeners.bothOrNeither'),
      issue: (issue) => issueText(te as Parameters<typeof issueText>[0], issue),
    }, schemaRef.current);
    if (!checked.ok) {
      fail(checked.errors, { message: t('errors.fields'), retry: false, reload: Boolean(checked.errors.localDate) });
      return;
    }
    const { body, targets } = checked;
    setErrors({});
    setFailure(null);
    sender.send(body, { onSaved: (saved) => onSaved(saved, body), onFailed: (error, key) => onFailed(error, targets, body, key) });
  }

  function sendNow() {
    setKeptNote(null);
    void checkInOutbox.flush();
  }

  const takenOf = (doses: CheckInBody['doses']) => (doses ?? []).flatMap((d) => (d.takenMg === null ? [] : [{ time: d.time, mg: d.takenMg }]));
  if (view === 'urgent' && result) {
    return <UrgentCare headingRef={headingRef} emergencyNumber={emergencyNumber} emergency={emergency} contacts={contacts} flags={result.saved.redFlags} plannedDoses={day.plannedDoses} takenDoses={takenOf(result.body.doses)} careTeam={careTeam} />;
  }
  if (view === 'kept' && kept) {
    const flags = keptSent?.result.redFlags ?? kept.flags;
    if (flags.length > 0) {
      return (
        <UrgentCare
          headingRef={headingRef} emergencyNumber={emergencyNumber} emergency={emergency} contacts={contacts} flags={flags}
          plannedDoses={day.plannedDoses} takenDoses={takenOf(kept.input.doses)} careTeam={careTeam} teamTold={Boolean(keptSent)}
        />
      );
    }
    const sent = Boolean(keptSent);
    return (
      <div className="flex flex-col gap-5 text-lg">
        <div role="status" className={`rounded-xl border-l-4 p-5 ${sent ? 'border-emerald-500 bg-emerald-50 text-emerald-950' : 'border-amber-500 bg-amber-50 text-amber-950'}`}>
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold sm:text-3xl">{sent ? t('offline.sentTitle') : t('offline.pendingTitle')}</h1>
          <p className="mt-2">{sent ? t('saved.body') : t('offline.pendingBody')}</p>
          {!sent && keptNote && <p className="mt-2 font-semibold">{keptNote}</p>}
        </div>
        <div className="flex flex-col gap-3 sm:flex-row">
          {!sent && (
            <button type="button" className={bigPrimary} onClick={sendNow} disabled={outbox.sending}>
              {outbox.sending ? t('sending') : t('offline.sendNow')}
            </button>
          )}
          <Link prefetch={false} href="/patient" className={sent ? bigPrimary : bigSecondary}>{t('saved.home')}</Link>
          <button type="button" className={bigSecondary} onClick={() => setView('form')}>{t('saved.correct')}</button>
        </div>
      </div>
    );
  }
  if (view === 'saved') {
    return (
      <div className="flex flex-col gap-5 text-lg">
        <div role="status" className="rounded-xl border-l-4 border-emerald-500 bg-emerald-50 p-5 text-emerald-950">
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold sm:text-3xl">{t('saved.title')}</h1>
          <p className="mt-2">{t('saved.body')}</p>
        </div>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link prefetch={false} href="/patient" className={bigPrimary}>{t('saved.home')}</Link>
          <button type="button" className={bigSecondary} onClick={() => setView('form')}>{t('saved.correct')}</button>
        </div>
      </div>
    );
  }

  const update: UpdateDraft = setDraft;
  const unplaced = Object.entries(errors).filter(([key]) => !isPlaced(key)).flatMap(([, messages]) => messages);
  // Check-ins kept earlier (another visit, the offline shell): this page's own is told about above and below.
  const others: OutboxState = {
    ...outbox,
    sent: outbox.sent.filter((s) => s.input.idempotencyKey !== keptKey),
    refused: outbox.refused.filter((r) => r.input.idempotencyKey !== keptKey),
  };
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5 text-lg">
      <div>
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('title')}</h1>
        <p className="mt-1 font-semibold text-slate-800">{t('today', { date: todayLabel })}</p>
        <p className="mt-1 text-slate-700">{t('intro')}</p>
        {/* Here rather than beside the sections: an empty live region would add a gap of its own there. */}
        <OutboxBanner state={others} className="not-empty:mt-4" />
      </div>
      {shell && <Notice tone="warning">{t('offline.shellNotice')}</Notice>}
      {day.existing && <Notice tone="info">{t('already')}</Notice>}

      <DosesSection day={day} draft={draft} errors={errors} update={update} noPlanHint={shell ? t('offline.shellDoses') : undefined} />
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
