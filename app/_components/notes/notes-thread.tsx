'use client';
// A patient's thread of notes with the form to add one or correct one. Who can read each note is shown on
// it, and chosen (by clinicians) when writing; the patient's own notes are always shared.
import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { SelectField, TextAreaField } from '~/app/_components/fields';
import { LINK_NONE, linkInput, type LinkChoice, type LinkTargets } from '~/app/_components/notes/link-targets';
import { Badge, Button, Card, EmptyState, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import type { NoteView } from '~/server/notes/service';

export const NOTE_MAX = 4000;

type Viewer = 'patient' | 'clinician';

interface Props {
  patientId: string;
  viewer: Viewer;
  viewerId: string;
  notes: NoteView[];
  /** What a new note may link to (the patient's: only what they have seen). */
  linkTargets: LinkTargets;
  /** The link a deep link asked for, preselected in a new note's form. */
  initialLink?: LinkChoice;
  timeZone: string;
}

function VisibilityBadge({ visibility }: { visibility: NoteView['visibility'] }) {
  const t = useTranslations('Notes');
  return <Badge tone={visibility === 'shared' ? 'brand' : 'warning'}>{visibility === 'shared' ? t('shared') : t('team')}</Badge>;
}

export function NotesThread({ patientId, viewer, viewerId, notes, linkTargets, initialLink = LINK_NONE, timeZone }: Props) {
  const t = useTranslations('Notes');
  const format = useFormatter();
  const [correcting, setCorrecting] = useState<NoteView | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const time = (at: Date) => format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const newestFirst = [...notes].reverse();
  const mayCorrect = (n: NoteView) => n.correctedBy === null && (viewer === 'clinician' || n.authorId === viewerId);

  return (
    <div className="flex flex-col gap-6">
      <div ref={formRef} tabIndex={-1} className="outline-none">
        <Card title={correcting ? t('form.correctTitle') : t('form.newTitle')}>
          <NoteForm
            key={correcting?.id ?? 'new'}
            patientId={patientId}
            viewer={viewer}
            linkTargets={linkTargets}
            initialLink={correcting ? LINK_NONE : initialLink}
            correcting={correcting}
            correctingTime={correcting ? time(correcting.createdAt) : ''}
            onDone={() => setCorrecting(null)}
          />
        </Card>
      </div>
      <Card title={t('threadTitle')}>
        {newestFirst.length === 0 ? (
          <EmptyState title={t('empty')}>{viewer === 'patient' ? t('emptyPatient') : t('emptyClinician')}</EmptyState>
        ) : (
          <ol className="flex flex-col gap-3">
            {newestFirst.map((n) => (
              <li key={n.id}>
                <NoteItem
                  note={n}
                  viewer={viewer}
                  viewerId={viewerId}
                  patientId={patientId}
                  time={time}
                  onCorrect={
                    mayCorrect(n)
                      ? () => {
                          setCorrecting(n);
                          formRef.current?.scrollIntoView({ block: 'start' });
                          formRef.current?.focus();
                        }
                      : undefined
                  }
                />
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}

export function NoteItem({ note: n, viewer, viewerId, patientId, time, onCorrect }: {
  note: NoteView; viewer: Viewer; viewerId: string; patientId: string; time: (at: Date) => string; onCorrect?: () => void;
}) {
  const t = useTranslations('Notes');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const base = viewer === 'patient' ? '/patient' : `/clinician/patients/${patientId}`;
  const who = n.authorRole === 'patient' ? t('patientRole') : n.authorDiscipline ? tc(`disciplines.${n.authorDiscipline}`) : tc(`roles.${n.authorRole}`);
  const links: { key: string; label: string; href?: string }[] = [];
  if (n.plan) links.push({ key: 'plan', label: t('links.plan', { version: n.plan.version }), href: `${base}/plan` });
  if (n.alert && viewer === 'clinician') links.push({ key: 'alert', label: t('links.alert', { date: time(n.alert.createdAt) }), href: `${base}#alert-${n.alert.id}` });
  // Weekly reviews are the care team's page (the patient's reviews page holds team reviews only): the patient gets the name alone.
  if (n.weeklyReview) links.push({ key: 'review', label: t('links.weeklyReview', { from: day(n.weeklyReview.periodStart), to: day(n.weeklyReview.periodEnd) }), href: viewer === 'clinician' ? `${base}/review#review-${n.weeklyReview.id}` : undefined });
  if (n.mdtItem) links.push({ key: 'mdt', label: t('links.mdtItem', { date: day(n.mdtItem.heldOn) }), href: viewer === 'patient' ? `/patient/reviews#review-${n.mdtItem.id}` : `/clinician/mdt/${n.mdtItem.meetingId}` });

  return (
    <article id={`note-${n.id}`} aria-labelledby={`note-${n.id}-head`} className={`rounded-lg border p-3 ${n.correctedBy ? 'border-slate-300 bg-slate-50' : n.visibility === 'team' ? 'border-amber-300' : 'border-slate-200'}`}>
      <div id={`note-${n.id}-head`} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-900">{n.authorId === viewerId ? t('you') : n.authorName}</span>
        <Badge>{who}</Badge>
        <VisibilityBadge visibility={n.visibility} />
        {n.correctedBy && <Badge tone="danger">{t('corrected')}</Badge>}
        <time dateTime={n.createdAt.toISOString()} className="text-slate-700">{time(n.createdAt)}</time>
      </div>
      {n.corrects && (
        <p className="mt-1 text-sm text-slate-800">
          <a href={`#note-${n.corrects.id}`} className="font-medium text-brand-700 underline underline-offset-2">{t('corrects', { time: time(n.corrects.createdAt) })}</a>
        </p>
      )}
      <p className={`mt-2 whitespace-pre-wrap break-words ${n.correctedBy ? 'text-slate-700' : 'text-slate-900'}`}>{n.body}</p>
      {n.correctedBy && (
        <p className="mt-2 text-sm font-medium text-slate-800">
          <a href={`#note-${n.correctedBy.id}`} className="text-brand-700 underline underline-offset-2">{t('correctedBy', { time: time(n.correctedBy.createdAt) })}</a>
        </p>
      )}
      {links.length > 0 && (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <span className="text-slate-700">{t('links.label')}:</span>
          {links.map((l) => (
            l.href
              ? <Link key={l.key} href={l.href} className="font-medium text-brand-700 underline underline-offset-2">{l.label}</Link>
              : <span key={l.key} className="font-medium text-slate-900">{l.label}</span>
          ))}
        </p>
      )}
      {onCorrect && (
        <div className="mt-2">
          <Button variant="ghost" className="min-h-11 px-0" onClick={onCorrect}>{t('form.correct')}</Button>
        </div>
      )}
    </article>
  );
}

function NoteForm({ patientId, viewer, linkTargets, initialLink, correcting, correctingTime, onDone }: {
  patientId: string; viewer: Viewer; linkTargets: LinkTargets; initialLink: LinkChoice; correcting: NoteView | null; correctingTime: string; onDone: () => void;
}) {
  const t = useTranslations('Notes');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const radioName = useId();
  const [body, setBody] = useState(correcting?.body ?? '');
  // The safer default for clinicians: nothing reaches the patient unless they choose so.
  const [visibility, setVisibility] = useState<'team' | 'shared'>(correcting?.visibility ?? (viewer === 'patient' ? 'shared' : 'team'));
  const [link, setLink] = useState<LinkChoice>(initialLink);
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);
  const create = useMutation(trpc.notes.create.mutationOptions({
    onSuccess: () => {
      setBody('');
      // Each note's readers are chosen anew: the next one starts from "care team only" again.
      setVisibility(viewer === 'patient' ? 'shared' : 'team');
      setLink(LINK_NONE);
      setError(null);
      setSaved(true);
      onDone();
      router.refresh();
    },
    onError: (e) => {
      setSaved(false);
      setError(formErrorFrom(e, tc('errorGeneric')));
    },
  }));
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    create.mutate({
      patientId,
      body,
      visibility: viewer === 'patient' ? 'shared' : visibility,
      ...(correcting ? { correctsNoteId: correcting.id } : {}),
      ...linkInput(link, linkTargets),
    });
  }
  const fieldError = error?.fieldErrors;
  const linkError = (['planVersion', 'alertId', 'weeklyReviewId', 'mdtItemId'] as const).flatMap((k) => fieldError?.[k] ?? []);
  const shownFieldErrors = ['body', 'visibility'].some((k) => fieldError?.[k]?.length) || linkError.length > 0;
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {correcting && <p className="text-slate-800">{t('form.correctIntro', { time: correctingTime })}</p>}
      <TextAreaField
        label={t('form.body')}
        hint={viewer === 'patient' ? t('form.patientBodyHint', { max: NOTE_MAX }) : t('form.bodyHint', { max: NOTE_MAX })}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={fieldError?.body}
        maxLength={NOTE_MAX}
        rows={4}
        required
      />
      {viewer === 'patient' ? (
        <p className="text-slate-800">{t('form.patientVisibility')}</p>
      ) : correcting ? (
        <p className="flex flex-wrap items-center gap-2 text-slate-800">
          {t('form.visibilityFixed', { visibility: correcting.visibility === 'shared' ? t('shared') : t('team') })}
        </p>
      ) : (
        <fieldset className="flex flex-col gap-2" aria-describedby={fieldError?.visibility ? `${radioName}-error` : undefined}>
          <legend className="mb-1 font-medium text-slate-900">{t('form.visibility')}</legend>
          {(['team', 'shared'] as const).map((v) => (
            <label key={v} className={`flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border p-3 ${visibility === v ? (v === 'team' ? 'border-amber-500 bg-amber-50' : 'border-brand-600 bg-brand-50') : 'border-slate-300'}`}>
              <input type="radio" name={radioName} value={v} checked={visibility === v} onChange={() => setVisibility(v)} className="mt-1 h-5 w-5 shrink-0 accent-brand-700" />
              <span>
                <span className="block font-semibold text-slate-900">{v === 'team' ? t('form.visibilityTeam') : t('form.visibilityShared')}</span>
                <span className="block text-sm text-slate-700">{v === 'team' ? t('form.visibilityTeamHint') : t('form.visibilitySharedHint')}</span>
              </span>
            </label>
          ))}
          {fieldError?.visibility && <p id={`${radioName}-error`} className="text-sm font-medium text-red-800">{fieldError.visibility.join(' ')}</p>}
        </fieldset>
      )}
      {/* A choice of nothing but "Nothing" is no choice: the field appears once there is something to link. */}
      {(linkTargets.plan || linkTargets.alerts.length > 0 || linkTargets.reviews.length > 0 || linkTargets.mdtItems.length > 0) && (
        <LinkSelect viewer={viewer} targets={linkTargets} value={link} onChange={setLink} error={linkError} />
      )}
      <div role="alert">{error && !shownFieldErrors && <Notice tone="error">{error.message}</Notice>}</div>
      <div role="status">{saved && <Notice tone="success">{t('form.saved')}</Notice>}</div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={create.isPending} className="min-h-12 w-full sm:w-auto">
          {create.isPending ? tc('saving') : correcting ? t('form.submitCorrection') : t('form.submit')}
        </Button>
        {correcting && (
          <Button variant="secondary" className="min-h-12 w-full sm:w-auto" onClick={onDone}>{t('form.cancelCorrection')}</Button>
        )}
      </div>
    </form>
  );
}

export function LinkSelect({ viewer, targets, value, onChange, error }: {
  viewer: Viewer; targets: LinkTargets; value: LinkChoice; onChange: (choice: LinkChoice) => void; error: string[];
}) {
  const t = useTranslations('Notes');
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <SelectField
      label={t('form.link')}
      hint={viewer === 'patient' ? t('form.linkHintPatient') : t('form.linkHint')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error.length ? error : undefined}
    >
      <option value={LINK_NONE}>{t('form.linkNone')}</option>
      {targets.plan && (
        <optgroup label={t('form.linkGroups.plan')}>
          <option value="plan">{t('form.linkPlan', { version: targets.plan.version })}</option>
        </optgroup>
      )}
      {targets.alerts.length > 0 && (
        <optgroup label={t('form.linkGroups.alerts')}>
          {targets.alerts.map((a) => <option key={a.id} value={`alert:${a.id}`}>{a.label}</option>)}
        </optgroup>
      )}
      {targets.reviews.length > 0 && (
        <optgroup label={t('form.linkGroups.reviews')}>
          {targets.reviews.map((r) => (
            <option key={r.id} value={`review:${r.id}`}>{t('links.weeklyReview', { from: day(r.periodStart), to: day(r.periodEnd) })}</option>
          ))}
        </optgroup>
      )}
      {targets.mdtItems.length > 0 && (
        <optgroup label={t('form.linkGroups.mdt')}>
          {targets.mdtItems.map((m) => <option key={m.id} value={`mdt:${m.id}`}>{t('links.mdtItem', { date: day(m.heldOn) })}</option>)}
        </optgroup>
      )}
    </SelectField>
  );
}
