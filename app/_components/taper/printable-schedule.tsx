// A one-page printout of a taper for the fridge and the pharmacist: what to take when, and how much to dispense.
import { useFormatter, useTranslations } from 'next-intl';
import type { TaperStep, Warning } from '~/lib/taper/types';
import { formatDay, formatDayRange } from '~/lib/dates';
import { doseAt, doseTimesOf } from './schedule-table';
import { lineFor, suppliesFor, supplyColumns, type SupplyLine } from './supply';
import { takeText, type TaperTranslator } from './take-text';

export interface PrintableScheduleProps {
  patientName: string;
  planVersion: number;
  /** ISO date (YYYY-MM-DD) of printing, on the patient's own calendar. */
  printedOn: string;
  steps: readonly TaperStep[];
  /** Who to call and how, e.g. "Neurology clinic, Dr A. Jones, 020 7946 0000 (weekdays 9–5)". */
  careTeamContact: string;
  /** 1 when the printout is the page (the default); 2 when it sits under a page's own heading. */
  headingLevel?: 1 | 2;
  /** The plan's warnings: steps bigger than the cap are marked on the page, with the prescriber's reason. */
  warnings?: readonly Warning[];
}

const cell = 'border border-slate-400 px-2 py-1 align-top print:border-black print:px-1 print:py-0.5';
const headCell = `${cell} bg-slate-100 font-semibold print:bg-white`;

function supplyText(line: SupplyLine | undefined, t: TaperTranslator): string {
  if (!line) return t('print.none');
  if (line.kind === 'liquid') return t('print.ml', { ml: line.ml });
  // What a pharmacist and a patient act on: tablets to hand out, and how many of them get cut in half.
  return line.halfPieces > 0 ? t('print.tabletsWithHalves', { tablets: line.tablets, split: Math.ceil(line.halfPieces / 2) }) : t('print.tablets', { tablets: line.tablets });
}

/** Server-renderable (no client hooks); print styles come from Tailwind `print:` variants, so no inline <style> under the CSP. */
export function PrintableSchedule({ patientName, planVersion, printedOn, steps, careTeamContact, headingLevel = 1, warnings = [] }: PrintableScheduleProps) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const times = doseTimesOf(steps);
  const supplies = suppliesFor(steps);
  const columns = supplyColumns(supplies);
  const bigSteps = warnings.find((w) => w.code === 'cut-above-cap');
  const bigIndexes = new Set(bigSteps?.code === 'cut-above-cap' ? bigSteps.cuts.map((c) => c.index) : []);
  const last = steps.at(-1);

  return (
    <article className="mx-auto flex max-w-4xl flex-col gap-4 bg-white p-4 text-slate-950 print:max-w-none print:gap-2 print:p-0 print:text-[9pt] print:leading-snug print:text-black">
      <header className="flex flex-col gap-1 border-b-2 border-slate-900 pb-2 print:border-black">
        <Heading className="text-2xl font-bold print:text-[14pt]">{t('print.title')}</Heading>
        <p className="text-lg font-semibold print:text-[11pt]">{t('print.patient', { name: patientName })}</p>
        <p className="text-slate-800 print:text-black">
          {t('print.version', { version: planVersion })} · {t('print.printed', { date: formatDay(printedOn, format) })}
        </p>
      </header>

      <p className="rounded border-2 border-slate-900 px-3 py-2 font-semibold print:rounded-none print:border-black print:px-2 print:py-1">{t('print.safety')}</p>
      {bigSteps?.code === 'cut-above-cap' && (
        <p className="rounded border-2 border-slate-900 px-3 py-2 print:rounded-none print:border-black print:px-2 print:py-1">
          {(() => {
            const cuts = bigSteps.cuts.map((c) => t('warnings.cutItem', { number: c.index + 1, from: c.fromMg, to: c.toMg, percent: c.percent })).join('; ');
            return bigSteps.acceptance
              ? t('print.bigSteps', { cap: bigSteps.capPercent, cuts, reason: bigSteps.acceptance.reason })
              : t('print.bigStepsUnaccepted', { cap: bigSteps.capPercent, cuts });
          })()}
        </p>
      )}

      <div className="overflow-x-auto print:overflow-visible">
        <table className="w-full border-collapse text-left text-sm print:text-[9pt]">
          <caption className="pb-1 text-left text-base font-semibold print:text-[10pt]">{t('print.scheduleCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className={headCell}>{t('print.step')}</th>
              <th scope="col" className={headCell}>{t('print.dates')}</th>
              <th scope="col" className={`${headCell} text-right`}>{t('print.mgPerDay')}</th>
              {times.map((time) => (
                <th key={time} scope="col" className={headCell}>
                  {time}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <tr key={`${step.index}-${step.startDate}`} className="break-inside-avoid">
                <th scope="row" className={`${cell} font-semibold`}>{format.number(step.index + 1)}</th>
                <td className={`${cell} whitespace-nowrap`}>{formatDayRange(step.startDate, step.endDate, format)}</td>
                <td className={`${cell} text-right font-semibold tabular-nums`}>
                  {format.number(step.dailyMg)}
                  {bigIndexes.has(step.index) && <span className="block text-xs font-normal">({t('print.bigStep')})</span>}
                </td>
                {times.map((time) => {
                  const dose = doseAt(step, time);
                  return (
                    <td key={time} className={cell}>
                      {dose ? (
                        <>
                          <span className="font-semibold">{t('mg', { mg: dose.mg })}</span>: {takeText(dose.take, t)}
                        </>
                      ) : (
                        t('print.none')
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {columns.length > 0 && (
        <div className="overflow-x-auto print:overflow-visible">
          <table className="w-full border-collapse text-left text-sm print:text-[9pt]">
            <caption className="pb-1 text-left text-base font-semibold print:text-[10pt]">
              {t('print.supplyCaption')}
              <span className="block text-sm font-normal text-slate-800 print:text-[8pt] print:text-black">{t('print.supplyHint')}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col" className={headCell}>{t('print.step')}</th>
                <th scope="col" className={headCell}>{t('print.dates')}</th>
                {columns.map((c) => (
                  <th key={`${c.kind}-${c.formulation}`} scope="col" className={`${headCell} text-right`}>
                    {c.kind === 'tablet' ? t('print.tabletColumn', { strength: c.strength }) : t('print.liquidColumn', { strength: c.strength })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {supplies.steps.map((s) => (
                <tr key={`${s.index}-${s.startDate}`} className="break-inside-avoid">
                  <th scope="row" className={`${cell} font-semibold`}>{format.number(s.index + 1)}</th>
                  <td className={`${cell} whitespace-nowrap`}>{formatDayRange(s.startDate, s.endDate, format)}</td>
                  {columns.map((c) => (
                    <td key={`${c.kind}-${c.formulation}`} className={`${cell} text-right tabular-nums`}>
                      {supplyText(lineFor(s.lines, c), t)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" colSpan={2} className={`${cell} text-left`}>{t('print.total')}</th>
                {columns.map((c) => (
                  <td key={`${c.kind}-${c.formulation}`} className={`${cell} text-right tabular-nums`}>
                    {supplyText(lineFor(supplies.total, c), t)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      {last?.notes.includes('final') && <p className="font-semibold">{t('print.followUp', { date: formatDay(last.endDate, format) })}</p>}

      <footer className="border-t-2 border-slate-900 pt-2 print:border-black">
        <p className="font-semibold">{t('print.careTeam', { contact: careTeamContact })}</p>
      </footer>
    </article>
  );
}
