'use client';
// The dose times of the taper form: one row per time, added and removed with focus kept in place, and the
// rows at fault marked when the engine refuses the times as a group.
import { useTranslations } from 'next-intl';
import { Fieldset, TextField } from '~/app/_components/fields';
import { Button } from '~/app/_components/ui';
import {
  addDoseTime, clockOrder, faultyTimes, MAX_DOSE_TIMES, newKey, removeDoseTime, serverOnly, setDoseTime, type Draft, type DraftUpdate, type ErrorsFor,
} from './taper-draft';

export const doseTimeId = (formId: string, key: string) => `${formId}-time-${key}`;

export function DoseTimesFields({ formId, draft, update, errorsFor, engine, focusLater }: {
  formId: string;
  draft: Draft;
  update: DraftUpdate;
  errorsFor: ErrorsFor;
  /** The engine's refusal, when it has one. */
  engine: { field?: string; message?: string };
  /** Moves focus to the element with this id once it is on screen. */
  focusLater: (id: string | null) => void;
}) {
  const t = useTranslations('Taper');
  const order = clockOrder(draft.doseTimes);
  // The engine names only the group; point at the rows at fault (blank, malformed or repeated) when it can be told.
  const faulty = faultyTimes(draft);
  const engineBlamesRows = engine.field === 'doseTimes' && faulty.size > 0;
  const groupErrors = engineBlamesRows ? serverOnly(errorsFor('doseTimes'), engine.message) : errorsFor('doseTimes');
  const rowErrors = (i: number) => {
    const own = errorsFor(`doseTimes.${order.indexOf(i)}`) ?? [];
    const all = engineBlamesRows && engine.message && faulty.has(i) ? [...own, engine.message] : own;
    return all.length > 0 ? all : undefined;
  };

  function add() {
    const key = newKey();
    focusLater(doseTimeId(formId, key));
    update((d) => addDoseTime(d, key));
  }

  function remove(index: number) {
    const neighbour = draft.doseTimes[index - 1] ?? draft.doseTimes[index + 1];
    focusLater(neighbour ? doseTimeId(formId, neighbour.key) : null);
    update((d) => removeDoseTime(d, index));
  }

  return (
    <Fieldset legend={t('form.doseTimes')} hint={t('form.doseTimesHint')} error={groupErrors} className="gap-3">
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {draft.doseTimes.map((d, i) => (
          <li key={d.key} className="flex items-end gap-2">
            <div className="w-40">
              <TextField
                id={doseTimeId(formId, d.key)}
                label={t('form.doseTime', { number: i + 1 })}
                type="time"
                required
                value={d.time}
                onChange={(e) => {
                  const time = e.target.value;
                  update((x) => setDoseTime(x, d.key, { time }));
                }}
                error={rowErrors(i)}
              />
            </div>
            <Button variant="secondary" aria-label={t('form.removeDoseTimeLabel', { number: i + 1 })} disabled={draft.doseTimes.length <= 1} onClick={() => remove(i)}>
              {t('form.removeDoseTime')}
            </Button>
          </li>
        ))}
      </ul>
      <div>
        <Button variant="secondary" disabled={draft.doseTimes.length >= MAX_DOSE_TIMES} onClick={add}>
          {t('form.addDoseTime')}
        </Button>
      </div>
    </Fieldset>
  );
}
