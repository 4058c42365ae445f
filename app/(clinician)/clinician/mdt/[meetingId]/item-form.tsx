'use client';
// Recording one patient's outcome at the meeting: team-only discussion, decisions, goals, the summary the
// patient reads and the next review. The save names the meeting's version it started from.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { ConflictAlert } from './conflict-alert';
import { addOneDay, type VisibleItem } from './item';

const fieldKeys = ['discussion', 'decisions', 'goalsReset', 'sharedSummary', 'nextReviewOn'] as const;

export function ItemForm({ meetingId, item, version, heldOn, onSaved, onCancel }: {
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
  const [fields, setFields] = useState({ discussion: item.discussion, decisions: item.decisions, goalsReset: item.goalsReset, sharedSummary: item.sharedSummary, nextReviewOn: item.nextReviewOn ?? '' });
  const save = useFormMutation(trpc.mdt.recordItem.mutationOptions(), { onSuccess: ({ version: next }) => onSaved(next) });
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.submit({ meetingId, itemId: item.id, expectedVersion: version, ...fields, nextReviewOn: fields.nextReviewOn === '' ? null : fields.nextReviewOn });
  }

  const fe = save.fieldErrors;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextAreaField label={t('discussion')} hint={t('discussionHint')} name="discussion" rows={3} maxLength={8000} value={fields.discussion} onChange={set('discussion')} error={fe.discussion} />
      <TextAreaField label={t('decisions')} name="decisions" required rows={3} maxLength={4000} value={fields.decisions} onChange={set('decisions')} error={fe.decisions} />
      <TextAreaField label={t('goalsReset')} hint={t('goalsResetHint')} name="goalsReset" rows={2} maxLength={4000} value={fields.goalsReset} onChange={set('goalsReset')} error={fe.goalsReset} />
      <TextAreaField label={t('sharedSummary')} hint={t('sharedSummaryHint')} name="sharedSummary" required rows={3} maxLength={4000} value={fields.sharedSummary} onChange={set('sharedSummary')} error={fe.sharedSummary} />
      <div className="max-w-xs">
        <TextField label={t('nextReviewOn')} hint={t('nextReviewHint')} name="nextReviewOn" type="date" min={addOneDay(heldOn)} value={fields.nextReviewOn} onChange={set('nextReviewOn')} error={fe.nextReviewOn} />
      </div>
      <ConflictAlert error={save.error} fields={fieldKeys} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>{save.isPending ? t('recordingItem') : t('recordItem')}</Button>
        {onCancel && <Button variant="secondary" onClick={onCancel}>{tc('cancel')}</Button>}
      </div>
    </form>
  );
}
