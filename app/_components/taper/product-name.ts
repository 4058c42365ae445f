// A product's name in the reader's language ("5 mg scored tablets", "5 mg/5 mL liquid ..."), from the formulation itself.
import type { Formulation } from '~/lib/taper/types';
import type { TaperTranslator } from './take-text';

export function productName(f: Formulation, t: TaperTranslator): string {
  return f.kind === 'tablet'
    ? t('advisor.tablet', { mg: f.strengthMg, scored: String(f.scored) })
    : t('advisor.liquid', { per5: f.mgPerMl * 5, mgPerMl: f.mgPerMl, ml: f.minMeasurableMl });
}
