'use client';
// The check-in's doses: each planned dose taken, changed or missed; without a running plan, the doses
// taken, typed in one by one.
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import { ErrorText } from '~/app/_components/fields/chrome';
import { RadioGroup } from '~/app/_components/fields/radio-group';
import { TextField } from '~/app/_components/fields/text';
import { TakeText } from '~/app/_components/taper/take-text';
import { addExtra, MAX_DOSES, removeExtra, setExtra, setPlanned, type DoseChoice, type Draft, type FieldErrors, type UpdateDraft } from './check-in-draft';
import { bigSecondary, Section } from './section';
import type { CheckInDay } from './types';

/** `noPlanHint`: the words above the doses taken when no plan's doses are shown (offline, the plan is not known). */
export function DosesSection({ day, draft, errors, update, noPlanHint }: { day: CheckInDay; draft: Draft; errors: FieldErrors; update: UpdateDraft; noPlanHint?: string }) {
  const t = useTranslations('CheckIn');
  const doseCount = draft.planned.length + draft.extras.length;
  const baseId = useId();
  const timeId = (rowId: number) => `${baseId}-extra-${rowId}-time`;
  const addId = `${baseId}-add`;
  // The row's fields appear above the button that added them: without a move, a keyboard or screen-reader
  // user's focus stays below them and the new dose is easy to miss. The element is known only after the render.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  function add() {
    focusNext.current = timeId(draft.nextExtraId);
    update(addExtra);
  }
  function remove(rowId: number) {
    // The focus was on the button that goes away: on to the next dose, else "Add a dose taken", else the one before.
    const at = draft.extras.findIndex((x) => x.id === rowId);
    const next = draft.extras[at + 1] ?? null;
    const before = draft.extras[at - 1] ?? null;
    const addShown = day.plannedDoses.length === 0;
    focusNext.current = next ? timeId(next.id) : addShown ? addId : before ? timeId(before.id) : null;
    update((d) => removeExtra(d, rowId));
  }
  return (
    <Section title={t('doses.title')}>
      <div className="flex flex-col gap-5">
        {day.planStatus === 'paused' && day.plannedDoses.length > 0 && <p>{t('paused')}</p>}
        {errors.doses && <p className="font-medium text-red-800">{errors.doses.join(' ')}</p>}
        {day.plannedDoses.length > 0 ? (
          <>
            <p className="text-slate-700">{t('doses.hint')}</p>
            {day.plannedDoses.map((planned, i) => {
              const state = draft.planned[i] ?? { choice: null, mg: '' };
              return (
                <RadioGroup<DoseChoice>
                  key={planned.time}
                  size="lg"
                  name={`dose-${i}`}
                  legend={t('doses.doseLegend', { time: planned.time, mg: planned.mg })}
                  hint={<TakeText take={planned.take} />}
                  options={[
                    { value: 'taken', label: t('doses.taken') },
                    { value: 'changed', label: t('doses.changed') },
                    { value: 'missed', label: t('doses.missed') },
                  ]}
                  value={state.choice}
                  onChange={(choice) => update((d) => setPlanned(d, i, { choice }))}
                  clear={{ text: t('doses.clear'), label: `${t('doses.clear')}: ${planned.time}` }}
                  error={state.choice === 'changed' ? undefined : errors[`planned.${i}`]}
                >
                  {state.choice === 'changed' && (
                    <TextField
                      size="lg"
                      label={t('doses.takenMg', { time: planned.time })}
                      hint={t('doses.takenMgHint')}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      step="any"
                      value={state.mg}
                      onChange={(e) => update((d) => setPlanned(d, i, { mg: e.target.value }))}
                      error={errors[`planned.${i}`]}
                    />
                  )}
                </RadioGroup>
              );
            })}
          </>
        ) : (
          <p className="text-slate-700">{noPlanHint ?? t('doses.noPlanHint')}</p>
        )}

        {(day.plannedDoses.length === 0 || draft.extras.length > 0) && (
          <div className="flex flex-col gap-4">
            {day.plannedDoses.length > 0 && <h3 className="font-semibold">{t('doses.extraTitle')}</h3>}
            {draft.extras.map((x, i) => {
              // A row left empty: one message for the row, under both fields, and both fields point to it.
              const rowError = errors[`extra.${x.id}`];
              const rowErrorId = rowError ? `${baseId}-extra-${x.id}-error` : undefined;
              return (
                <fieldset key={x.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-3">
                  <legend className="px-1 font-semibold">{t('doses.extraLegend', { number: i + 1 })}</legend>
                  <div className="grid grid-cols-2 gap-3">
                    <TextField id={timeId(x.id)} size="lg" label={t('doses.extraTime')} type="time" value={x.time} onChange={(e) => update((d) => setExtra(d, x.id, { time: e.target.value }))} error={errors[`extra.${x.id}.time`]} errorId={rowErrorId} />
                    <TextField size="lg" label={t('doses.extraMg')} type="number" inputMode="decimal" min={0} step="any" value={x.mg} onChange={(e) => update((d) => setExtra(d, x.id, { mg: e.target.value }))} error={errors[`extra.${x.id}.mg`]} errorId={rowErrorId} />
                  </div>
                  {rowErrorId && <ErrorText id={rowErrorId} error={rowError} size="lg" />}
                  <button type="button" className={`${bigSecondary} self-start`} onClick={() => remove(x.id)}>
                    {t('doses.remove', { number: i + 1 })}
                  </button>
                </fieldset>
              );
            })}
            {day.plannedDoses.length === 0 && (
              doseCount < MAX_DOSES ? (
                <button id={addId} type="button" className={`${bigSecondary} w-full sm:w-auto sm:self-start`} onClick={add}>
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
  );
}
