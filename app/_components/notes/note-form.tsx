'use client';
// The form that adds a note to a patient's thread or corrects one: the text, who may read it (chosen by the
// care team; the patient's own notes are always shared) and what it is about.
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { NoteView } from '~/server/notes/service';
import { LinkSelect } from './link-select';
import { LINK_NONE, linkInput, type LinkChoice, type LinkTargets } from './link-targets';
import type { Viewer } from './note-item';

export const NOTE_MAX = 4000;

/** The fields a link is sent in: an error on any of them shows on the link's select. */
const linkKeys = ['planVersion', 'alertId', 'weeklyReviewId', 'mdtItemId'] as const;

export function NoteForm({ patientId, viewer, linkTargets, initialLink, correcting, correctingTime, onDone }: {
  patientId: string; viewer: Viewer; linkTargets: LinkTargets; initialLink: LinkChoice; correcting: NoteView | null; correctingTime: string; onDone: () => void;
}) {
  const t = useTranslations('Notes');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const radioName = useId();
  const [body, setBody] = useState(correcting?.body ?? '');
  // The safer default for clinicians: nothing reaches the patient unless they choose so.
  const [visibility, setVisibility] = useState<'team' | 'shared'>(correcting?.visibility ?? (viewer === 'patient' ? 'shared' : 'team'));
  const [link, setLink] = useState<LinkChoice>(initialLink);
  const create = useFormMutation(trpc.notes.create.mutationOptions(), {
    onSuccess: () => {
      setBody('');
      // Each note's readers are chosen anew: the next one starts from "care team only" again.
      setVisibility(viewer === 'patient' ? 'shared' : 'team');
      setLink(LINK_NONE);
      onDone();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.submit({
      patientId,
      body,
      visibility: viewer === 'patient' ? 'shared' : visibility,
      ...(correcting ? { correctsNoteId: correcting.id } : {}),
      ...linkInput(link, linkTargets),
    });
  }
  const fieldError = create.fieldErrors;
  const linkError = linkKeys.flatMap((k) => fieldError[k] ?? []);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {correcting && <p className="text-slate-800">{t('form.correctIntro', { time: correctingTime })}</p>}
      <TextAreaField
        label={t('form.body')}
        hint={viewer === 'patient' ? t('form.patientBodyHint', { max: NOTE_MAX }) : t('form.bodyHint', { max: NOTE_MAX })}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={fieldError.body}
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
        <fieldset className="flex flex-col gap-2" aria-describedby={fieldError.visibility ? `${radioName}-error` : undefined}>
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
          {fieldError.visibility && <p id={`${radioName}-error`} className="text-sm font-medium text-red-800">{fieldError.visibility.join(' ')}</p>}
        </fieldset>
      )}
      {/* A choice of nothing but "Nothing" is no choice: the field appears once there is something to link. */}
      {(linkTargets.plan || linkTargets.alerts.length > 0 || linkTargets.reviews.length > 0 || linkTargets.mdtItems.length > 0) && (
        <LinkSelect viewer={viewer} targets={linkTargets} value={link} onChange={setLink} error={linkError} />
      )}
      <FormFeedback mutation={create} fields={['body', 'visibility', ...linkKeys]} saved={t('form.saved')} />
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
