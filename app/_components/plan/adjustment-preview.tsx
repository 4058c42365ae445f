'use client';
// What an adjustment would do, before it is saved: the same pure function the plan service runs, so the
// clinician sees the old and new doses side by side by date, any cut above the cap it leaves, or why it
// cannot be made (a slow the products cannot make gentler names the product that could).
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { engineErrorText, type EngineErrorTranslator } from '~/app/_components/taper/engine-error-text';
import { productName } from '~/app/_components/taper/product-name';
import { Notice } from '~/app/_components/ui';
import { capWarningOf, carryAcceptance, needsAcceptance } from '~/lib/taper/acceptance';
import { adjustPlan, type Adjustment, type PlanClock } from '~/lib/taper/changes';
import { scheduleWarnings } from '~/lib/taper/engine';
import { TaperError, type Formulation, type PatientFacts, type TaperInput, type TaperStep, type Warning } from '~/lib/taper/types';
import { DoseComparison } from './dose-comparison';

export interface PreviewPlan {
  input: TaperInput;
  steps: TaperStep[];
  warnings: Warning[];
}

export type AdjustmentResult =
  | { kind: 'none' }
  | { kind: 'ok'; steps: TaperStep[]; warnings: Warning[]; needsAcceptance: boolean; sameDoses: boolean }
  | { kind: 'refused'; error: TaperError };

export function useAdjustmentPreview(plan: PreviewPlan, clock: PlanClock, facts: PatientFacts, adjustment: Adjustment | null): AdjustmentResult {
  // Callers build the adjustment from their fields on every render: its content, not its identity, decides.
  const key = JSON.stringify(adjustment);
  return useMemo(() => {
    const adjustment = JSON.parse(key) as Adjustment | null;
    if (!adjustment) return { kind: 'none' };
    try {
      const next = adjustPlan({ input: plan.input, steps: plan.steps }, clock, adjustment);
      const warnings = carryAcceptance(scheduleWarnings(next.input, next.steps, facts), plan.warnings);
      const key = (s: TaperStep) => `${s.startDate}:${s.endDate}:${s.dailyMg}`;
      const doses = (steps: TaperStep[]) => steps.map((s) => `${s.dailyMg}`).join();
      const sameDoses = doses(next.steps) === doses(plan.steps) && next.steps.map(key).join() !== plan.steps.map(key).join();
      return { kind: 'ok', steps: next.steps, warnings, needsAcceptance: needsAcceptance(warnings), sameDoses };
    } catch (error) {
      if (error instanceof TaperError) return { kind: 'refused', error };
      throw error;
    }
  }, [plan, clock, facts, key]);
}

function RefusalText({ error }: { error: TaperError }) {
  const t = useTranslations('Plan');
  const tt = useTranslations('Taper');
  const te = useTranslations('EngineErrors') as EngineErrorTranslator;
  const d = error.details ?? {};
  if (error.code === 'cannot-slow' && d.reason === 'products') {
    const products = Array.isArray(d.products) ? (d.products as Formulation[]) : [];
    return (
      <>
        <p>{t('preview.cannotSlow', { fromMg: Number(d.fromMg), cutMg: Number(d.smallestCutMg), percent: Number(d.smallestCutPercent) })}</p>
        {products.length > 0 && <p className="mt-1">{t('preview.cannotSlowProducts', { products: products.map((p) => productName(p, tt)).join(t('preview.productsJoin')) })}</p>}
      </>
    );
  }
  if (error.code === 'cannot-slow') return <p>{t('preview.atTarget')}</p>;
  return <p>{engineErrorText(error, te)}</p>;
}

export function AdjustmentPreview({ plan, result, today }: { plan: PreviewPlan; result: AdjustmentResult; today: string }) {
  const t = useTranslations('Plan');
  if (result.kind === 'none') return null;
  if (result.kind === 'refused') {
    return (
      <Notice tone="error" title={t('preview.refusedTitle')}>
        <RefusalText error={result.error} />
      </Notice>
    );
  }
  const big = capWarningOf(result.warnings);
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-300 p-3">
      <h3 className="font-semibold text-slate-900">{t('preview.title')}</h3>
      {result.sameDoses && <p className="text-slate-700">{t('preview.same')}</p>}
      {big && !big.acceptance && (
        <Notice tone="warning">
          {t('preview.newBigCuts', {
            count: big.cuts.length,
            cap: big.capPercent,
            cuts: big.cuts.map((c) => t('warnings.cutItem', { number: c.index + 1, from: c.fromMg, to: c.toMg, percent: c.percent })).join('; '),
          })}
        </Notice>
      )}
      <DoseComparison before={plan.steps} after={result.steps} caption={t('preview.caption')} today={today} />
    </section>
  );
}
