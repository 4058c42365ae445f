'use client';
// The formulations the patient has: tablets (strength, scored) and liquids (strength, smallest measurable
// volume), added and removed with focus kept in place.
import { useTranslations } from 'next-intl';
import { CheckboxField, Fieldset, SelectField } from '~/app/_components/fields';
import { Button } from '~/app/_components/ui';
import { FormSection } from './form-section';
import {
  addFormulation, LIQUID_STRENGTHS, MEASURABLE_ML, newKey, optionsWith, removeFormulation, TABLET_STRENGTHS, updateFormulation,
  type Draft, type DraftUpdate, type ErrorsFor, type FormulationDraft,
} from './taper-draft';

export const formulationId = (formId: string, key: string) => `${formId}-formulation-${key}`;

export function ProductsSection({ formId, draft, update, errorsFor, focusLater }: {
  formId: string;
  draft: Draft;
  update: DraftUpdate;
  errorsFor: ErrorsFor;
  focusLater: (id: string | null) => void;
}) {
  const t = useTranslations('Taper');
  const addTabletId = `${formId}-add-tablet`;
  const change = (key: string, f: (x: FormulationDraft) => FormulationDraft) => update((d) => updateFormulation(d, key, f));

  function add(kind: 'tablet' | 'liquid') {
    const key = newKey();
    focusLater(formulationId(formId, key));
    update((d) => addFormulation(d, kind, key));
  }

  function remove(index: number) {
    const neighbour = draft.formulations[index - 1] ?? draft.formulations[index + 1];
    focusLater(neighbour ? formulationId(formId, neighbour.key) : addTabletId);
    update((d) => removeFormulation(d, index));
  }

  return (
    <FormSection legend={t('form.formulations')} hint={t('form.formulationsHint')} error={errorsFor('formulations')}>
      {draft.formulations.length === 0 && <p className="text-slate-700">{t('form.noFormulations')}</p>}
      <ul className="flex flex-col gap-3">
        {draft.formulations.map((f, i) => (
          <li key={f.key}>
            <Fieldset
              legend={f.kind === 'tablet' ? t('form.tabletLegend', { number: i + 1 }) : t('form.liquidLegend', { number: i + 1 })}
              error={errorsFor(`formulations.${i}`, true)}
              className="gap-3 rounded-lg border border-slate-300 p-3"
            >
              {f.kind === 'tablet' ? (
                <div className="grid items-end gap-4 sm:grid-cols-2">
                  <SelectField
                    id={formulationId(formId, f.key)}
                    label={t('form.strength')}
                    value={String(f.strengthMg)}
                    onChange={(e) => {
                      const strengthMg = Number(e.target.value);
                      change(f.key, (x) => (x.kind === 'tablet' ? { ...x, strengthMg } : x));
                    }}
                  >
                    {optionsWith(TABLET_STRENGTHS, f.strengthMg).map((mg) => (
                      <option key={mg} value={String(mg)}>
                        {t('form.strengthOption', { mg })}
                      </option>
                    ))}
                  </SelectField>
                  <CheckboxField
                    label={t('form.scored')}
                    hint={t('form.scoredHint')}
                    checked={f.scored}
                    onChange={(e) => {
                      const scored = e.target.checked;
                      change(f.key, (x) => (x.kind === 'tablet' ? { ...x, scored } : x));
                    }}
                  />
                </div>
              ) : (
                <div className="grid gap-4 sm:grid-cols-2">
                  <SelectField
                    id={formulationId(formId, f.key)}
                    label={t('form.mgPerMl')}
                    value={String(f.mgPerMl)}
                    onChange={(e) => {
                      const mgPerMl = Number(e.target.value);
                      change(f.key, (x) => (x.kind === 'liquid' ? { ...x, mgPerMl } : x));
                    }}
                  >
                    {optionsWith(LIQUID_STRENGTHS, f.mgPerMl).map((mgPerMl) => (
                      <option key={mgPerMl} value={String(mgPerMl)}>
                        {t('form.mgPerMlOption', { mgPerMl, per5: mgPerMl * 5 })}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField
                    label={t('form.minMeasurableMl')}
                    value={String(f.minMeasurableMl)}
                    onChange={(e) => {
                      const minMeasurableMl = Number(e.target.value);
                      change(f.key, (x) => (x.kind === 'liquid' ? { ...x, minMeasurableMl } : x));
                    }}
                  >
                    {optionsWith(MEASURABLE_ML, f.minMeasurableMl).map((ml) => (
                      <option key={ml} value={String(ml)}>
                        {t('form.mlOption', { ml })}
                      </option>
                    ))}
                  </SelectField>
                </div>
              )}
              <div>
                <Button variant="secondary" aria-label={t('form.removeFormulationLabel', { number: i + 1 })} onClick={() => remove(i)}>
                  {t('form.removeFormulation')}
                </Button>
              </div>
            </Fieldset>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button id={addTabletId} variant="secondary" onClick={() => add('tablet')}>
          {t('form.addTablet')}
        </Button>
        <Button variant="secondary" onClick={() => add('liquid')}>
          {t('form.addLiquid')}
        </Button>
      </div>
    </FormSection>
  );
}
