'use client';
// The patients of an MDT meeting: each item's outcome (team-only discussion, decisions, goals, the summary the
// patient reads), dissent, whether their care team has signed, signing, and finalising with a confirm step.
// The meeting's version guards every save and every signature.
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmStep } from '~/app/_components/confirm-step';
import { TextAreaField, TextField } from '~/app/_components/fields';
import { Badge, Button, Card, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import type { AppRouter } from '~/server/api/root';

type Item = inferRouterOutputs<AppRouter>['mdt']['get']['items'][number];
type VisibleItem = Extract<Item, { withheld: false }> & { nextReviewText: string | null };
type ShownItem = VisibleItem | { id: string; withheld: true; teamSigned: boolean };

function addOneDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function MeetingRecord({ meetingId, title, version: serverVersion, finalised, signedByMe, heldOn, timeZone, items }: {
  meetingId: string;
  title: string;
  version: number;
  finalised: boolean;
  signedByMe: boolean;
  heldOn: string;
  timeZone: string;
  items: ShownItem[];
}) {
  const t = useTranslations('Mdt');
  // A save's own answer may arrive before the refresh brings the saved version from the server: use the newer.
  const [savedVersion, setVersion] = useState(0);
  const version = Math.max(serverVersion, savedVersion);

  return (
    <>
      <section aria-labelledby="mdt-agenda" className="flex flex-col gap-4">
        <h2 id="mdt-agenda" className="text-xl font-semibold text-slate-900">{t('agendaTitle')}</h2>
        {items.map((item, index) =>
          item.withheld ? (
            <div key={item.id} className="rounded-xl border border-dashed border-slate-300 bg-slate-50 p-5 text-slate-800">
              <p className="mb-2 flex flex-wrap items-center gap-2">
                <span className="font-semibold text-slate-900">{t('agendaItem', { number: index + 1 })}</span>
                <Badge tone={item.teamSigned ? 'brand' : 'warning'}>{item.teamSigned ? t('teamSigned') : t('teamNotSigned')}</Badge>
              </p>
              <p>{t('withheld')}</p>
            </div>
          ) : (
            <PatientItem key={item.id} number={index + 1} meetingId={meetingId} item={item} version={version} onSaved={setVersion} finalised={finalised} heldOn={heldOn} timeZone={timeZone} />
          ),
        )}
      </section>
      {!finalised && (
        <Card title={t('signTitle')}>
          <Sign meetingId={meetingId} version={version} signedByMe={signedByMe && version === serverVersion} />
        </Card>
      )}
      {!finalised && (
        <Card title={t('finaliseTitle')}>
          <Finalise meetingId={meetingId} title={title} version={version} />
        </Card>
      )}
    </>
  );
}

function PatientItem({ number, meetingId, item, version, onSaved, finalised, heldOn, timeZone }: {
  number: number;
  meetingId: string;
  item: VisibleItem;
  version: number;
  onSaved: (version: number) => void;
  finalised: boolean;
  heldOn: string;
  timeZone: string;
}) {
  const t = useTranslations('Mdt');
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const [editing, setEditing] = useState(!finalised && item.recordedAt === null);
  const headingId = `item-${item.id}`;

  return (
    <article aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm font-medium text-slate-700">{t('agendaItem', { number })}</p>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-lg font-semibold text-slate-900">{item.name}</h3>
        {item.agendaReasons.map((r) => <Badge key={r} tone={r === 'urgent' ? 'danger' : r === 'decision-due' ? 'brand' : 'neutral'}>{t(`reasons.${r}`)}</Badge>)}
      </div>
      <p className="mb-3">
        <Badge tone={item.teamSigned ? 'brand' : 'warning'}>
          {item.teamSigned ? t('signedBy', { names: item.signedByNames.join(', ') }) : t('notSignedByTeam')}
        </Badge>
      </p>
      {editing && !finalised ? (
        <ItemForm meetingId={meetingId} item={item} version={version} heldOn={heldOn} onSaved={(v) => { onSaved(v); setEditing(false); }} onCancel={item.recordedAt ? () => setEditing(false) : undefined} />
      ) : (
        <div className="flex flex-col gap-3">
          {item.recordedAt === null ? (
            <p className="text-slate-700">{t('notRecorded')}</p>
          ) : (
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium text-slate-700">{t('discussion')} <Badge>{t('teamOnly')}</Badge></dt>
              <dd className="whitespace-pre-line">{item.discussion || t('empty')}</dd>
              <dt className="font-medium text-slate-700">{t('decisions')}</dt>
              <dd className="whitespace-pre-line">{item.decisions}</dd>
              <dt className="font-medium text-slate-700">{t('goalsReset')}</dt>
              <dd className="whitespace-pre-line">{item.goalsReset || t('empty')}</dd>
              <dt className="font-medium text-slate-700">{t('sharedSummary')} <Badge tone="brand">{t('patientReads')}</Badge></dt>
              <dd className="whitespace-pre-line">{item.sharedSummary}</dd>
              <dt className="font-medium text-slate-700">{t('nextReviewOn')}</dt>
              <dd>{item.nextReviewText ?? t('noNextReview')}</dd>
            </dl>
          )}
          {item.recordedAt && item.recordedByName && <p className="text-sm text-slate-700">{t('recordedBy', { name: item.recordedByName, when: when(item.recordedAt) })}</p>}
          {!finalised && item.recordedAt && (
            <div>
              <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`${t('editItem')}: ${item.name}`}>{t('editItem')}</Button>
            </div>
          )}
        </div>
      )}
      <Dissents meetingId={meetingId} item={item} finalised={finalised} when={when} />
    </article>
  );
}

function ItemForm({ meetingId, item, version, heldOn, onSaved, onCancel }: {
  meetingId: string;
  item: VisibleItem;
  version: number;
  heldOn: string;
  onSaved: (version: number) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations('Mdt');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [fields, setFields] = useState({ discussion: item.discussion, decisions: item.decisions, goalsReset: item.goalsReset, sharedSummary: item.sharedSummary, nextReviewOn: item.nextReviewOn ?? '' });
  const [error, setError] = useState<FormError | null>(null);
  const save = useMutation(
    trpc.mdt.recordItem.mutationOptions({
      onSuccess: ({ version: next }) => {
        onSaved(next);
        router.refresh();
      },
      onError: (e) => setError(formErrorFrom(e, tc('errorGeneric'))),
    }),
  );
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    save.mutate({ meetingId, itemId: item.id, expectedVersion: version, ...fields, nextReviewOn: fields.nextReviewOn === '' ? null : fields.nextReviewOn });
  }

  const fe = error?.fieldErrors ?? {};
  const general = error && !['discussion', 'decisions', 'goalsReset', 'sharedSummary', 'nextReviewOn'].some((k) => fe[k]);
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextAreaField label={t('discussion')} hint={t('discussionHint')} name="discussion" rows={3} maxLength={8000} value={fields.discussion} onChange={set('discussion')} error={fe.discussion} />
      <TextAreaField label={t('decisions')} name="decisions" required rows={3} maxLength={4000} value={fields.decisions} onChange={set('decisions')} error={fe.decisions} />
      <TextAreaField label={t('goalsReset')} hint={t('goalsResetHint')} name="goalsReset" rows={2} maxLength={4000} value={fields.goalsReset} onChange={set('goalsReset')} error={fe.goalsReset} />
      <TextAreaField label={t('sharedSummary')} hint={t('sharedSummaryHint')} name="sharedSummary" required rows={3} maxLength={4000} value={fields.sharedSummary} onChange={set('sharedSummary')} error={fe.sharedSummary} />
      <div className="max-w-xs">
        <TextField label={t('nextReviewOn')} hint={t('nextReviewHint')} name="nextReviewOn" type="date" min={addOneDay(heldOn)} value={fields.nextReviewOn} onChange={set('nextReviewOn')} error={fe.nextReviewOn} />
      </div>
      <div role="alert">
        {general && (
          <Notice tone="error">
            {error.message}
            {error.code === 'CONFLICT' && (
              <div className="mt-2"><Button variant="secondary" onClick={() => router.refresh()}>{t('conflictReload')}</Button></div>
            )}
          </Notice>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>{save.isPending ? t('recordingItem') : t('recordItem')}</Button>
        {onCancel && <Button variant="secondary" onClick={onCancel}>{tc('cancel')}</Button>}
      </div>
    </form>
  );
}

function Dissents({ meetingId, item, finalised, when }: { meetingId: string; item: VisibleItem; finalised: boolean; when: (d: Date) => string }) {
  const t = useTranslations('Mdt');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState('');
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (open) bodyRef.current?.focus();
  }, [open]);
  const add = useMutation(
    trpc.mdt.addDissent.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setBody('');
        setDone(t('dissentSaved'));
        router.refresh();
      },
      onError: (e) => setError(formErrorFrom(e, tc('errorGeneric'))),
    }),
  );

  return (
    <div className="mt-4 border-t border-slate-200 pt-3">
      <h4 className="font-semibold text-slate-900">{t('dissentTitle')} <Badge>{t('teamOnly')}</Badge></h4>
      {item.dissents.length === 0 ? (
        <p className="text-slate-700">{t('dissentNone')}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-2">
          {item.dissents.map((d) => (
            <li key={d.id} className="rounded-lg border-l-4 border-amber-600 bg-amber-50 px-3 py-2">
              <p className="text-sm font-medium text-amber-950">{t('dissentBy', { name: d.name, when: when(d.createdAt) })}</p>
              <p className="whitespace-pre-line">{d.body}</p>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="font-medium text-emerald-900">{done}</p>
      {!finalised && (open ? (
        <form
          noValidate
          className="mt-2 flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            add.mutate({ meetingId, itemId: item.id, body });
          }}
        >
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 font-semibold text-slate-900">{t('dissentLegend')}</legend>
            <TextAreaField ref={bodyRef} label={t('dissentBody')} hint={t('dissentHint')} name="dissent" required maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} error={error?.fieldErrors.body} />
            <div role="alert">{error && !error.fieldErrors.body && <Notice tone="error">{error.message}</Notice>}</div>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={add.isPending}>{add.isPending ? t('dissentSubmitting') : t('dissentSubmit')}</Button>
              <Button variant="secondary" onClick={() => { setOpen(false); setError(null); }}>{tc('cancel')}</Button>
            </div>
          </fieldset>
        </form>
      ) : (
        <div className="mt-2">
          <Button variant="secondary" onClick={() => { setDone(''); setOpen(true); }} aria-label={`${t('dissentAdd')}: ${item.name}`}>{t('dissentAdd')}</Button>
        </div>
      ))}
    </div>
  );
}

function Sign({ meetingId, version, signedByMe }: { meetingId: string; version: number; signedByMe: boolean }) {
  const t = useTranslations('Mdt');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<FormError | null>(null);
  const sign = useMutation(
    trpc.mdt.sign.mutationOptions({
      onSuccess: () => {
        setError(null);
        router.refresh();
      },
      onError: (e) => setError(formErrorFrom(e, tc('errorGeneric'))),
    }),
  );
  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700">{t('signIntro')}</p>
      <p role="status" className="font-medium text-emerald-900">{signedByMe ? t('signedByMe', { version }) : ''}</p>
      <div role="alert">
        {error && (
          <Notice tone="error">
            {error.message}
            {error.code === 'CONFLICT' && (
              <div className="mt-2"><Button variant="secondary" onClick={() => router.refresh()}>{t('conflictReload')}</Button></div>
            )}
          </Notice>
        )}
      </div>
      {!signedByMe && (
        <div>
          <Button disabled={sign.isPending} onClick={() => sign.mutate({ meetingId, expectedVersion: version })}>{sign.isPending ? t('signing') : t('sign')}</Button>
        </div>
      )}
    </div>
  );
}

function Finalise({ meetingId, title, version }: { meetingId: string; title: string; version: number }) {
  const t = useTranslations('Mdt');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const finalise = useMutation(
    trpc.mdt.finalise.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
      onError: (e) => setError(formErrorFrom(e, tc('errorGeneric')).message),
    }),
  );
  if (confirming) {
    return (
      <ConfirmStep
        question={t('finaliseQuestion', { title })}
        consequence={t('finaliseConsequence')}
        confirmLabel={t('finaliseConfirm')}
        pendingLabel={t('finalising')}
        pending={finalise.isPending}
        error={error}
        onConfirm={() => finalise.mutate({ meetingId, expectedVersion: version })}
        onCancel={() => {
          setConfirming(false);
          setError(null);
        }}
      />
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700">{t('finaliseIntro')}</p>
      <div>
        <Button variant="danger" onClick={() => setConfirming(true)}>{t('finalise')}</Button>
      </div>
    </div>
  );
}
