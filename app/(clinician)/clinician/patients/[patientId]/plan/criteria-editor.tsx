'use client';
// The criteria editor: add, change and remove rules, checked field by field against the criterion schema,
// saved as a new version with a reason (a stale version is refused, with the other person's change offered).
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { PlanError } from '~/app/_components/plan/plan-error';
import type { CriterionRule } from '~/app/_components/triage/types';
import { Button } from '~/app/_components/ui';
import type { FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import { updateCriteriaInput } from '~/lib/criteria/inputs';
import { MAX_CRITERIA } from '~/lib/criteria/types';
import { blankDraft, changeRule, check, fieldOrder, toDraft, type Field, type RuleDraft, type RuleErrors } from './criteria-draft';
import { RuleFields } from './rule-fields';

export function CriteriaEditor({ patientId, planId, version, criteria, onCancel, onSaved }: {
  patientId: string;
  planId: string;
  version: number;
  criteria: CriterionRule[];
  onCancel: () => void;
  onSaved: (version: number) => void;
}) {
  const t = useTranslations('Criteria');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const trpc = useTRPC();
  const prefix = useId();
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => criteria.map(toDraft));
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<Record<string, RuleErrors>>({});
  const [reasonError, setReasonError] = useState<string | undefined>();
  // The editor's own refusal before anything is sent; the server's comes from the mutation.
  const [checkError, setCheckError] = useState<FormError | null>(null);
  // Each attempt shows its error afresh (and a conflict's "show the latest" starts over).
  const [attempt, setAttempt] = useState(0);
  const intro = useRef<HTMLParagraphElement>(null);
  const focusNext = useRef<string | null>(null);
  const update = useFormMutation(trpc.criteria.update.mutationOptions(), { onSuccess: (result) => onSaved(result.version) });
  const error = checkError ?? update.error;

  const fieldId = (key: string, field: Field) => `${prefix}-${key}-${field}`;

  useEffect(() => {
    intro.current?.focus();
  }, []);
  useEffect(() => {
    if (focusNext.current) {
      document.getElementById(focusNext.current)?.focus();
      focusNext.current = null;
    }
  }, [drafts]);

  function add() {
    const draft = blankDraft();
    focusNext.current = fieldId(draft.key, 'metric');
    setDrafts((list) => [...list, draft]);
  }

  function remove(index: number) {
    const next = drafts[index + 1] ?? drafts[index - 1];
    focusNext.current = next ? `${prefix}-${next.key}-rule` : `${prefix}-add`;
    setDrafts((list) => list.filter((_, i) => i !== index));
    setShown((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== drafts[index]?.key)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const results = drafts.map((d) => ({ d, ...check(d, t, format) }));
    const reasonProblem = updateCriteriaInput.shape.reason.safeParse(reason).success ? undefined : t('errors.reason');
    setShown(Object.fromEntries(results.map((r) => [r.d.key, r.errors])));
    setReasonError(reasonProblem);
    const firstBad = results.find((r) => Object.keys(r.errors).length > 0);
    if (firstBad || reasonProblem) {
      setCheckError({ message: t('fixFields'), fieldErrors: {} });
      const field = firstBad ? fieldOrder.find((f) => firstBad.errors[f]) : undefined;
      document.getElementById(firstBad && field ? fieldId(firstBad.d.key, field) : `${prefix}-reason`)?.focus();
      return;
    }
    setCheckError(null);
    update.submit({ patientId, planId, expectedVersion: version, reason, criteria: results.flatMap((r) => (r.criterion ? [r.criterion] : [])) });
  }

  const serverRuleErrors = error?.fieldErrors.criteria ?? [];
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <p ref={intro} tabIndex={-1} className="font-medium text-slate-900">{t('editIntro', { version })}</p>
      {drafts.length === 0 && <p className="text-slate-700">{t('emptyEditing')}</p>}
      <ol className="flex flex-col gap-4">
        {drafts.map((d, i) => (
          <li key={d.key}>
            <RuleFields
              draft={d}
              number={i + 1}
              errors={shown[d.key] ?? {}}
              fieldId={(f) => fieldId(d.key, f)}
              ruleId={`${prefix}-${d.key}-rule`}
              onChange={(patch) => setDrafts((list) => list.map((x) => (x.key === d.key ? changeRule(x, patch) : x)))}
              onRemove={() => remove(i)}
            />
          </li>
        ))}
      </ol>
      <div>
        <Button id={`${prefix}-add`} variant="secondary" onClick={add} disabled={drafts.length >= MAX_CRITERIA}>
          {t('add')}
        </Button>
        {drafts.length >= MAX_CRITERIA && <p className="mt-1 text-sm text-slate-700">{t('max', { max: MAX_CRITERIA })}</p>}
      </div>
      <TextAreaField
        id={`${prefix}-reason`}
        label={t('reason')}
        hint={t('reasonHint')}
        required
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={reasonError ?? error?.fieldErrors.reason}
      />
      <div role="alert">
        <PlanError key={attempt} error={error} />
        {serverRuleErrors.length > 0 && (
          <ul className="mt-2 ml-5 list-disc text-red-900">
            {serverRuleErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? tc('saving') : t('save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc('cancel')}
        </Button>
      </div>
    </form>
  );
}
