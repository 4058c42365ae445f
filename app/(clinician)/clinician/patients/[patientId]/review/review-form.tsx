'use client';
// The form to record a weekly review: summary, decision and the next review date, with errors per field.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';

const decisions = ['continue', 'hold', 'slow', 'step-back', 'pause', 'other'] as const;
type Decision = (typeof decisions)[number];

export function WeeklyReviewForm({ patientId, minDate, maxDate, defaultDate }: { patientId: string; minDate: string; maxDate: string; defaultDate: string }) {
  const t = useTranslations('WeeklyReview');
  const trpc = useTRPC();
  const [summary, setSummary] = useState('');
  const [decision, setDecision] = useState<Decision>('continue');
  const [nextReviewOn, setNextReviewOn] = useState(defaultDate);
  const summaryRef = useRef<HTMLTextAreaElement>(null);
  const status = useRef<HTMLParagraphElement>(null);

  const record = useFormMutation(trpc.weeklyReviews.record.mutationOptions(), { onSuccess: () => setSummary('') });
  const { error, saved } = record;

  // The form stays on the page after a save: focus goes to the confirmation, so it is announced and found.
  useEffect(() => {
    if (saved) status.current?.focus();
  }, [saved]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fieldErrors: Record<string, string[]> = {};
    if (summary.trim().length < 3) fieldErrors.summary = [t('summaryMissing')];
    if (!nextReviewOn) fieldErrors.nextReviewOn = [t('nextMissing')];
    if (Object.keys(fieldErrors).length) {
      record.fail({ message: Object.values(fieldErrors)[0]?.[0] ?? '', fieldErrors });
      if (fieldErrors.summary) summaryRef.current?.focus();
      return;
    }
    record.submit({ patientId, summary, decision, nextReviewOn });
  }

  const shownElsewhere = error && (error.fieldErrors.summary || error.fieldErrors.nextReviewOn || error.fieldErrors.decision);
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-4">
      <p className="text-slate-700">{t('formIntro')}</p>
      <TextAreaField
        ref={summaryRef}
        label={t('summary')}
        hint={t('summaryHint')}
        name="summary"
        rows={4}
        required
        maxLength={4000}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        error={error?.fieldErrors.summary}
      />
      <SelectField
        label={t('decision')}
        hint={t('decisionHint')}
        name="decision"
        value={decision}
        onChange={(e) => setDecision(decisions.find((d) => d === e.target.value) ?? 'continue')}
        error={error?.fieldErrors.decision}
      >
        {decisions.map((d) => (
          <option key={d} value={d}>{t(`decisions.${d}`)}</option>
        ))}
      </SelectField>
      <TextField
        label={t('nextReviewOn')}
        hint={t('nextReviewHint')}
        name="nextReviewOn"
        type="date"
        required
        min={minDate}
        max={maxDate}
        value={nextReviewOn}
        onChange={(e) => setNextReviewOn(e.target.value)}
        error={error?.fieldErrors.nextReviewOn}
      />
      <div role="alert">{error && !shownElsewhere && <Notice tone="error">{error.message}</Notice>}</div>
      <p ref={status} tabIndex={-1} role="status" className="font-medium text-emerald-900">
        {saved ? t('saved') : ''}
      </p>
      <div>
        <Button type="submit" disabled={record.isPending}>
          {record.isPending ? t('submitting') : t('submit')}
        </Button>
      </div>
    </form>
  );
}
