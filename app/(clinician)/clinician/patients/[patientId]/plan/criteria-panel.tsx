'use client';
// The plan's stop-go criteria: the rules in words for the whole team, and for plan editors an editor to
// add, change and remove rules, saved as a new version with a reason (a stale version is refused).
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '~/app/_components/fields';
import { PlanError } from '~/app/_components/plan/plan-error';
import { comparatorSymbol, isPlainNoCheckIn, metricName, ruleText, type CriteriaTranslator } from '~/app/_components/triage/criterion-text';
import type { CriterionRule } from '~/app/_components/triage/types';
import { Button, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import { scoreKeys, type ScoreKey } from '~/lib/checkins/types';
import {
  comparators, criterionActions, MAX_CRITERIA, MAX_WINDOW_DAYS, metricRange, type Comparator, type Criterion, type CriterionAction, type Metric,
} from '~/lib/criteria/types';

const alertOnly: readonly CriterionAction[] = ['urgent', 'notify'];
/** Message keys for the comparators: symbols make poor keys. */
const comparatorKey: Record<Comparator, 'atLeast' | 'atMost' | 'moreThan' | 'lessThan'> = { '>=': 'atLeast', '<=': 'atMost', '>': 'moreThan', '<': 'lessThan' };

export function CriteriaPanel({
  patientId,
  planId,
  version,
  criteria,
  canEdit,
}: {
  patientId: string;
  planId: string;
  version: number;
  criteria: CriterionRule[];
  canEdit: boolean;
}) {
  const t = useTranslations('Criteria');
  const format = useFormatter();
  // The version the editor was opened on; null when not editing.
  const [editingVersion, setEditingVersion] = useState<number | null>(null);
  // The criteria changed under an open editor (after a conflict, "show the latest" refreshes them):
  // back to the latest rules in words, with a word that the edits were not saved.
  const overtaken = editingVersion !== null && editingVersion !== version;
  const editing = editingVersion !== null && !overtaken;
  const [saved, setSaved] = useState<number | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    // The editor (and the button that refreshed it) is gone: the message is where the reader is taken.
    if (overtaken) status.current?.focus();
  }, [overtaken]);
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  return (
    <div className="flex flex-col gap-4">
      <p className="max-w-3xl text-slate-700">{t('intro')}</p>
      <div ref={status} tabIndex={-1} role="status">
        {saved !== null && !editing && <Notice tone="success">{t('saved', { version: saved })}</Notice>}
        {overtaken && <Notice tone="info">{t('overtaken', { version })}</Notice>}
      </div>
      {editing ? (
        // Keyed by version: after a save (or someone else's) the editor starts from the latest rules.
        <CriteriaEditor
          key={version}
          patientId={patientId}
          planId={planId}
          version={version}
          criteria={criteria}
          onCancel={() => {
            returnFocus.current = true;
            setEditingVersion(null);
          }}
          onSaved={(v) => {
            setSaved(v);
            setEditingVersion(null);
            status.current?.focus();
          }}
        />
      ) : (
        <>
          <p className="text-sm text-slate-700">{t('version', { version })}</p>
          {criteria.length === 0 ? (
            <p className="text-slate-700">{t('empty')}</p>
          ) : (
            <ol className="flex flex-col gap-2">
              {criteria.map((c) => {
                const sentence = ruleText(c, t, format);
                return (
                  <li key={c.id} className="rounded-lg border border-slate-200 px-4 py-3">
                    <p className="font-semibold text-slate-900">{sentence}</p>
                    {c.label.trim() !== '' && c.label !== sentence && <p className="text-slate-700">{t('labelShown', { label: c.label })}</p>}
                    {alertOnly.includes(c.action) && <p className="text-sm text-slate-700">{t('alertOnly')}</p>}
                  </li>
                );
              })}
            </ol>
          )}
          {canEdit && (
            <div>
              <Button
                ref={editButton}
                variant="secondary"
                onClick={() => {
                  setSaved(null);
                  setEditingVersion(version);
                }}
              >
                {t('edit')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

// ---- The editor ----

type Field = 'metric' | 'comparator' | 'threshold' | 'windowDays' | 'minDays' | 'action' | 'label';
const fieldOrder: Field[] = ['metric', 'comparator', 'threshold', 'minDays', 'windowDays', 'action', 'label'];

interface Draft {
  /** React's key: stable while the id field is not shown or edited. */
  key: string;
  id: string;
  label: string;
  metric: string;
  comparator: Comparator;
  threshold: string;
  windowDays: string;
  minDays: string;
  action: CriterionAction;
  /** True once the label was typed in here: only then does it survive a change to the rule itself. */
  labelTouched: boolean;
  /** The rule changed under an old label, which was cleared rather than left saying something else. */
  labelCleared: boolean;
}

function newKey(): string {
  // crypto.randomUUID needs a secure context; this is only a key and an id for a new rule.
  return `rule-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function encodeMetric(m: Metric): string {
  if (m.kind === 'score') return `score:${m.key}`;
  if (m.kind === 'changeFromBaseline') return `change:${m.key}`;
  return m.kind;
}

function isScoreKey(value: string): value is ScoreKey {
  return (scoreKeys as readonly string[]).includes(value);
}

function decodeMetric(value: string): Metric | null {
  if (value === 'sleepHours' || value === 'dosesMissed' || value === 'noCheckIn') return { kind: value };
  const [kind, key = ''] = value.split(':');
  if (!isScoreKey(key)) return null;
  if (kind === 'score') return { kind: 'score', key };
  if (kind === 'change') return { kind: 'changeFromBaseline', key };
  return null;
}

function toDraft(c: CriterionRule): Draft {
  return {
    key: newKey(),
    id: c.id,
    label: c.label,
    metric: encodeMetric(c.metric),
    comparator: c.comparator,
    threshold: String(c.threshold),
    windowDays: String(c.windowDays),
    minDays: String(c.minDays),
    action: c.action,
    labelTouched: false,
    labelCleared: false,
  };
}

function blankDraft(): Draft {
  const key = newKey();
  return { key, id: key, label: '', metric: 'score:spasticity', comparator: '>=', threshold: '7', windowDays: '7', minDays: '3', action: 'hold', labelTouched: false, labelCleared: false };
}

const parseNumber = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));

/** The draft as a criterion, or per-field errors in words the editor shows beside each field. */
function check(d: Draft, t: CriteriaTranslator, format: ReturnType<typeof useFormatter>): { criterion?: Criterion; errors: Partial<Record<Field, string>> } {
  const errors: Partial<Record<Field, string>> = {};
  const metric = decodeMetric(d.metric);
  if (!metric) errors.metric = t('errors.metric');
  const threshold = parseNumber(d.threshold);
  const windowDays = parseNumber(d.windowDays);
  const minDays = parseNumber(d.minDays);
  if (!Number.isFinite(threshold)) errors.threshold = t('errors.thresholdNumber');
  else if (metric) {
    const { min, max } = metricRange(metric);
    const name = metricName(metric, t);
    if (threshold < min || threshold > max) errors.threshold = t('errors.thresholdRange', { name, min, max });
    else if ((d.comparator === '>' && threshold >= max) || (d.comparator === '<' && threshold <= min)) errors.threshold = t('errors.never', { name, comparator: comparatorSymbol[d.comparator], threshold });
    else if ((d.comparator === '>=' && threshold <= min) || (d.comparator === '<=' && threshold >= max)) errors.threshold = t('errors.always', { name, comparator: comparatorSymbol[d.comparator], threshold });
  }
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_WINDOW_DAYS) errors.windowDays = t('errors.window', { max: MAX_WINDOW_DAYS });
  if (!Number.isInteger(minDays) || minDays < 1) errors.minDays = t('errors.minDays');
  else if (Number.isInteger(windowDays) && minDays > windowDays) errors.minDays = t('errors.minDaysOver', { window: windowDays });
  if (d.label.trim().length > 160) errors.label = t('errors.label');
  if (!metric || Object.keys(errors).length > 0) return { errors };
  const rule = { metric, comparator: d.comparator, threshold, windowDays, minDays, action: d.action };
  // An empty label takes the rule in words: alerts and recommendations show the label.
  const label = d.label.trim() === '' ? ruleText(rule, t, format) : d.label.trim();
  return { criterion: { id: d.id, label, ...rule }, errors };
}

function CriteriaEditor({
  patientId,
  planId,
  version,
  criteria,
  onCancel,
  onSaved,
}: {
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
  const router = useRouter();
  const prefix = useId();
  const [drafts, setDrafts] = useState<Draft[]>(() => criteria.map(toDraft));
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<Record<string, Partial<Record<Field, string>>>>({});
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<FormError | null>(null);
  const [errorCount, setErrorCount] = useState(0);
  const intro = useRef<HTMLParagraphElement>(null);
  const focusNext = useRef<string | null>(null);

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

  const update = useMutation(
    trpc.criteria.update.mutationOptions({
      onSuccess: (result) => {
        onSaved(result.version);
        router.refresh();
      },
      onError: (e) => {
        setError(formErrorFrom(e, tc('errorGeneric')));
        setErrorCount((n) => n + 1);
        setReasonError(undefined);
      },
    }),
  );

  function set(key: string, patch: Partial<Draft>) {
    setDrafts((list) =>
      list.map((d) => {
        if (d.key !== key) return d;
        const next = { ...d, ...patch };
        if ('label' in patch) return { ...next, labelTouched: true, labelCleared: false };
        // A label written for the old rule ("Spasticity 7 or more…") would now say something the rule does not:
        // alerts and recommendations show the label, so it goes, and the rule in words takes its place.
        if (!d.labelTouched && d.label !== '') return { ...next, label: '', labelCleared: true };
        return next;
      }),
    );
  }

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
    const results = drafts.map((d) => ({ d, ...check(d, t, format) }));
    const errors = Object.fromEntries(results.map((r) => [r.d.key, r.errors]));
    const reasonProblem = reason.trim().length < 3 ? t('errors.reason') : undefined;
    setShown(errors);
    setReasonError(reasonProblem);
    const firstBad = results.find((r) => Object.keys(r.errors).length > 0);
    if (firstBad || reasonProblem) {
      setError({ message: t('fixFields'), fieldErrors: {} });
      setErrorCount((n) => n + 1);
      const field = firstBad ? fieldOrder.find((f) => firstBad.errors[f]) : undefined;
      document.getElementById(firstBad && field ? fieldId(firstBad.d.key, field) : `${prefix}-reason`)?.focus();
      return;
    }
    setError(null);
    update.mutate({ patientId, planId, expectedVersion: version, reason, criteria: results.flatMap((r) => (r.criterion ? [r.criterion] : [])) });
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
              onChange={(patch) => set(d.key, patch)}
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
        <PlanError key={errorCount} error={error} />
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

function RuleFields({
  draft,
  number,
  errors,
  fieldId,
  ruleId,
  onChange,
  onRemove,
}: {
  draft: Draft;
  number: number;
  errors: Partial<Record<Field, string>>;
  fieldId: (field: Field) => string;
  ruleId: string;
  onChange: (patch: Partial<Draft>) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('Criteria');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const metric = decodeMetric(draft.metric);
  const plainNoCheckIn = metric?.kind === 'noCheckIn' && isPlainNoCheckIn({ metric, comparator: draft.comparator, threshold: parseNumber(draft.threshold) });
  const range = metric ? metricRange(metric) : null;
  const preview = check({ ...draft, label: '' }, t, format).criterion;

  return (
    <fieldset id={ruleId} tabIndex={-1} className="rounded-lg border border-slate-300 p-4">
      <legend className="px-1 font-semibold text-slate-900">{t('ruleLegend', { number })}</legend>
      <p className="mb-3 text-slate-800">
        <span className="font-medium">{t('inWords')}</span> {preview ? ruleText(preview, t, format) : t('incomplete')}
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          id={fieldId('metric')}
          label={t('fields.metric')}
          value={draft.metric}
          error={errors.metric}
          onChange={(e) => {
            const next = decodeMetric(e.target.value);
            // A missing check-in is yes or no: the only sensible comparison is "happened".
            onChange(next?.kind === 'noCheckIn' ? { metric: e.target.value, comparator: '>=', threshold: '1' } : { metric: e.target.value });
          }}
        >
          <optgroup label={t('groups.scores')}>
            {scoreKeys.map((k) => (
              <option key={k} value={`score:${k}`}>{t(`scores.${k}`)}</option>
            ))}
          </optgroup>
          <optgroup label={t('groups.change')}>
            {scoreKeys.map((k) => (
              <option key={k} value={`change:${k}`}>{t('metric.changeFromBaseline', { score: t(`scoresLower.${k}`) })}</option>
            ))}
          </optgroup>
          <optgroup label={t('groups.other')}>
            <option value="sleepHours">{t('metric.sleepHours')}</option>
            <option value="dosesMissed">{t('metric.dosesMissed')}</option>
            <option value="noCheckIn">{t('metric.noCheckIn')}</option>
          </optgroup>
        </SelectField>
        {!plainNoCheckIn && (
          <>
            <SelectField
              id={fieldId('comparator')}
              label={t('fields.comparator')}
              value={draft.comparator}
              error={errors.comparator}
              onChange={(e) => onChange({ comparator: comparators.find((c) => c === e.target.value) ?? draft.comparator })}
            >
              {comparators.map((c) => (
                <option key={c} value={c}>{t(`comparators.${comparatorKey[c]}`)}</option>
              ))}
            </SelectField>
            <TextField
              id={fieldId('threshold')}
              label={t('fields.threshold')}
              hint={range ? t('fields.thresholdHint', { min: range.min, max: range.max }) : undefined}
              type="number"
              inputMode="decimal"
              step="any"
              min={range?.min}
              max={range?.max}
              required
              value={draft.threshold}
              error={errors.threshold}
              onChange={(e) => onChange({ threshold: e.target.value })}
            />
          </>
        )}
        <TextField
          id={fieldId('minDays')}
          label={t('fields.minDays')}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_WINDOW_DAYS}
          required
          value={draft.minDays}
          error={errors.minDays}
          onChange={(e) => onChange({ minDays: e.target.value })}
        />
        <TextField
          id={fieldId('windowDays')}
          label={t('fields.windowDays')}
          hint={t('fields.windowDaysHint', { max: MAX_WINDOW_DAYS })}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_WINDOW_DAYS}
          required
          value={draft.windowDays}
          error={errors.windowDays}
          onChange={(e) => onChange({ windowDays: e.target.value })}
        />
        <SelectField
          id={fieldId('action')}
          label={t('fields.action')}
          value={draft.action}
          error={errors.action}
          onChange={(e) => onChange({ action: criterionActions.find((a) => a === e.target.value) ?? draft.action })}
        >
          {criterionActions.map((a) => (
            <option key={a} value={a}>{t(`actionOptions.${a}`)}</option>
          ))}
        </SelectField>
        <div className="sm:col-span-2 lg:col-span-3">
          <TextField
            id={fieldId('label')}
            label={`${t('fields.label')} (${tc('optional')})`}
            hint={draft.labelCleared ? t('fields.labelCleared') : t('fields.labelHint')}
            maxLength={160}
            value={draft.label}
            error={errors.label}
            onChange={(e) => onChange({ label: e.target.value })}
          />
        </div>
      </div>
      <div className="mt-3">
        <Button variant="secondary" onClick={onRemove}>
          {t('remove', { number })}
        </Button>
      </div>
    </fieldset>
  );
}
