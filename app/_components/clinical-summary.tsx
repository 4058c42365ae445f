// The clinical summary as a printable page: the same facts as the PDF, in semantic HTML that fits one A4 or Letter page, in the reader's language.
import type { createTranslator, Messages } from 'next-intl';
import { Fragment, type ReactNode } from 'react';
import {
  UNKNOWN_CRITERION, type ClinicalSummary, type SummaryChart, type SummaryStep, type SummarySupport,
} from '~/lib/export/summary';
import { goalText, rescueText, stepText, warningText, yesNo } from '~/lib/export/summary-text';
import type { SummaryWords } from '~/server/export/words';
import { PLANNED, SCORE_COLOURS, TAKEN } from '~/app/_components/trends/colours';
import './clinical-summary.css';

/**
 * The PDF's words, dates and numbers (server/export/words.ts, messages SummaryPdf): where the page says what the
 * PDF says, it says it in the same words.
 */
export type { SummaryWords };

/** The page's own words (messages Exports.summaryPage), from `await getTranslations('Exports.summaryPage')`. */
export type SummaryPageTranslator = ReturnType<typeof createTranslator<Messages, 'Exports.summaryPage'>>;

const cell = 'border border-slate-400 px-1.5 py-0.5 align-top print:border-black print:px-1 print:py-0';
const headCell = `${cell} bg-slate-100 font-semibold print:whitespace-nowrap print:bg-white`;
const num = 'text-right tabular-nums';

/**
 * A column heading that may wrap between its words but never inside one: a browser breaks after a dash, and
 * "Spasms 0–" over "4" reads as a different scale. On screen, wrapping at spaces keeps the longer languages'
 * headings (Spanish "Señales de alarma", "mg previstos") within a desktop page. On paper each heading is one
 * line (a second would cost the 28 days their room) and, as in the PDF's table, the red-flags column gives up
 * the width the headings take: its cells fill what is left and cut their text with "…".
 */
function Heading({ text }: { text: string }) {
  return text.split(' ').map((word, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span className="whitespace-nowrap">{word}</span>
    </Fragment>
  ));
}

function Section({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`break-inside-avoid ${className}`}>
      <h2 className="mb-1 text-base font-semibold print:mb-0.5 print:text-[9pt]">{title}</h2>
      {children}
    </section>
  );
}

/**
 * A list that stays within its share of the printed page: on paper each item is one line, and past
 * `printCap` items the rest are left off (still on screen) with a line saying how many, so nothing is
 * dropped without a word. e2e/exports.spec.ts prints a maximal record to prove the page holds.
 */
function List({ items, empty, more, printCap = 4 }: { items: ReactNode[]; empty: string; more: (count: number) => string; printCap?: number }) {
  if (items.length === 0) return <p className="text-slate-700 print:text-black">{empty}</p>;
  const left = items.length - printCap;
  return (
    <ul className="list-disc pl-5 print:pl-4">
      {items.map((item, i) => (
        <li key={i} className={i >= printCap ? 'print:hidden' : 'print:line-clamp-1'}>{item}</li>
      ))}
      {left > 0 && <li className="hidden list-none print:block">{more(left)}</li>}
    </ul>
  );
}

const score = (n: number | null) => (n === null ? '' : String(n));

// A step's doses, a plan warning, a goal and a rescue medication's limits: the PDF's own sentences
// (lib/export/summary-text.ts), so the page and the paper say the same.



function supportText(w: SummaryWords, a: SummarySupport): string {
  const kind = w.t(`supports.kinds.${a.kind}`);
  if (a.rescue) return w.t('supports.rescueItem', { kind, name: a.name, limits: rescueText(w, a.rescue) });
  return a.notes ? w.t('supports.itemNotes', { kind, name: a.name, notes: a.notes }) : w.t('supports.item', { kind, name: a.name });
}

function range(values: readonly (number | null)[]): { min: number; max: number } | null {
  const known = values.flatMap((v) => (v === null ? [] : [v]));
  if (known.length === 0) return null;
  return { min: Math.min(...known), max: Math.max(...known) };
}

/** What the chart shows, in words: a screen reader hears this, and the table below holds every value. */
function chartLabel(w: SummaryWords, t: SummaryPageTranslator, chart: SummaryChart, from: string, to: string): string {
  const spasticity = range(chart.spasticity);
  const sleep = range(chart.sleepQuality);
  const mg = range(chart.takenMg);
  return t('chart.description', {
    from: w.date(from),
    to: w.date(to),
    spasticity: spasticity ? t('chart.spasticityRange', { min: w.num(spasticity.min), max: w.num(spasticity.max) }) : t('chart.noSpasticity'),
    sleepQuality: sleep ? t('chart.sleepQualityRange', { min: w.num(sleep.min), max: w.num(sleep.max) }) : t('chart.noSleepQuality'),
    dose: mg ? t('chart.doseRange', { min: w.num(mg.min), max: w.num(mg.max) }) : t('chart.noDose'),
  });
}

function points(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  // One polyline per run of days with values, so a missing day shows as a gap rather than a made-up line.
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else {
      run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
  });
  if (run.length) runs.push(run.join(' '));
  return runs;
}

function Series({ values, x, y, colour, dashed = false }: { values: readonly (number | null)[]; x: (i: number) => number; y: (v: number) => number; colour: string; dashed?: boolean }) {
  return (
    <g stroke={colour} fill={colour}>
      {points(values, x, y).map((p) => (
        <polyline key={p} points={p} fill="none" strokeWidth={1.5} strokeDasharray={dashed ? '4 3' : undefined} />
      ))}
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={1.8} stroke="none" />))}
    </g>
  );
}

const AXIS_TEXT = '#334155';
const GRID = '#cbd5e1';

interface WordsProps {
  summary: ClinicalSummary;
  words: SummaryWords;
  t: SummaryPageTranslator;
}

function Chart({ summary, words: w, t }: WordsProps) {
  const { chart, period } = summary;
  const width = 600;
  const left = 28;
  const plotW = width - left - 4;
  const n = Math.max(chart.dates.length, 1);
  const x = (i: number) => left + ((i + 0.5) * plotW) / n;
  const scoreTop = 8;
  const scoreH = 80;
  const yScore = (v: number) => scoreTop + scoreH - (v / 10) * scoreH;
  const doseTop = scoreTop + scoreH + 14;
  const doseH = 40;
  const yMg = (v: number) => doseTop + doseH - (v / chart.maxMg) * doseH;
  const height = doseTop + doseH + 16;
  const keys = [
    { label: w.t('chart.spasticity'), colour: SCORE_COLOURS.spasticity, dashed: false },
    { label: w.t('chart.sleepQuality'), colour: SCORE_COLOURS.sleepQuality, dashed: false },
    { label: w.t('chart.taken'), colour: TAKEN, dashed: false },
    // The PDF's key is swatches and says "(dashed)"; this one draws the dashed line itself.
    { label: t('chart.planned'), colour: PLANNED, dashed: true },
  ];
  return (
    <figure className="flex flex-col gap-1 break-inside-avoid">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={chartLabel(w, t, chart, period.from, period.to)} className="h-auto w-full max-w-3xl print:max-w-full">
        {[0, 5, 10].map((v) => (
          <g key={`s${v}`}>
            <line x1={left} x2={width - 4} y1={yScore(v)} y2={yScore(v)} stroke={GRID} strokeWidth={0.75} />
            <text x={left - 4} y={yScore(v) + 3.5} textAnchor="end" fontSize={10} fill={AXIS_TEXT}>{v}</text>
          </g>
        ))}
        {[0, chart.maxMg].map((v) => (
          <g key={`d${v}`}>
            <line x1={left} x2={width - 4} y1={yMg(v)} y2={yMg(v)} stroke={GRID} strokeWidth={0.75} />
            <text x={left - 4} y={yMg(v) + 3.5} textAnchor="end" fontSize={10} fill={AXIS_TEXT}>{w.num(v)}</text>
          </g>
        ))}
        <Series values={chart.spasticity} x={x} y={yScore} colour={SCORE_COLOURS.spasticity} />
        <Series values={chart.sleepQuality} x={x} y={yScore} colour={SCORE_COLOURS.sleepQuality} />
        <Series values={chart.plannedMg} x={x} y={yMg} colour={PLANNED} dashed />
        <Series values={chart.takenMg} x={x} y={yMg} colour={TAKEN} />
        {chart.dates.map((d, i) =>
          i % 7 === 0 || i === chart.dates.length - 1 ? (
            <text key={d} x={x(i)} y={height - 3} textAnchor="middle" fontSize={10} fill={AXIS_TEXT}>{w.dayMonth(d)}</text>
          ) : null,
        )}
      </svg>
      <figcaption>
        {/* The key in HTML, so it reads and prints at the page's own size. */}
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm print:text-[7pt]" aria-label={t('chart.key')}>
          {keys.map((k) => (
            <li key={k.label} className="flex items-center gap-1.5">
              <svg width="18" height="6" aria-hidden="true" className="shrink-0">
                <line x1="0" x2="18" y1="3" y2="3" stroke={k.colour} strokeWidth="2" strokeDasharray={k.dashed ? '4 3' : undefined} />
              </svg>
              {k.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function PlanDetails({ summary, words: w, t }: WordsProps) {
  const plan = summary.plan;
  if (!plan) return <p>{w.t('plan.none')}</p>;
  const cur = plan.currentStep;
  const next = plan.nextStep;
  const step = (s: SummaryStep) => ({ number: String(s.number), of: String(s.of), from: w.date(s.startDate), to: w.date(s.endDate), step: stepText(w, s) });
  return (
    <>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
        <dt className="font-semibold">{t('plan.status')}</dt>
        <dd>
          {t('plan.statusValue', {
            status: w.t(`planStatus.${plan.status}`),
            version: String(plan.version),
            signOff: plan.signedOffBy ? w.t('plan.signedOffBy', { name: plan.signedOffBy }) : w.t('plan.notSignedOff'),
          })}
        </dd>
        <dt className="font-semibold">{t('plan.startingDose')}</dt>
        <dd>{t('plan.mgPerDay', { mg: w.num(plan.startingDailyMg) })}</dd>
        <dt className="font-semibold">{plan.status === 'paused' ? t('plan.heldOnStep') : t('plan.currentStep')}</dt>
        <dd>
          {cur
            ? plan.pausedOn
              ? t('plan.pausedStepOf', { ...step(cur), pausedOn: w.date(plan.pausedOn) })
              : t('plan.stepOf', step(cur))
            : plan.inProgress
              ? w.t('plan.notStarted')
              : t('plan.closed')}
        </dd>
        <dt className="font-semibold">{t('plan.nextStep')}</dt>
        <dd>
          {next
            ? t('plan.nextStepOf', step(next))
            : plan.status === 'paused'
              ? t('plan.whenResumed')
              : cur
                ? t('plan.lastStep')
                : t('plan.noNextStep')}
        </dd>
        <dt className="font-semibold">{t('plan.target')}</dt>
        <dd>
          {t('plan.targetValue', {
            mg: w.num(plan.targetDailyMg),
            reached: yesNo(plan.targetReachedOn !== null),
            reachedOn: plan.targetReachedOn ? w.date(plan.targetReachedOn) : '',
            ends: yesNo(plan.endsOn !== null),
            endsOn: plan.endsOn ? w.date(plan.endsOn) : '',
          })}
        </dd>
      </dl>
      {plan.warnings.length > 0 && (
        <ul className="mt-1 flex flex-col gap-1 print:mt-0.5 print:gap-0.5">
          {plan.warnings.map((warning) => (
            <li key={warning.code} className={`border-l-4 pl-2 print:line-clamp-2 ${warning.needsAcceptance ? 'border-red-800 font-semibold' : 'border-amber-700'} print:border-black`}>
              {w.t('plan.warning', { text: warningText(w, warning) })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const TABLE_COLUMNS = ['spasticity', 'spasms', 'sleep', 'pain', 'anxiety', 'mood', 'plannedMg', 'takenMg', 'missed'] as const;

/**
 * Server-renderable (no client hooks, no client JS), in the reader's language: `words` from
 * `summaryPdfWords(locale)`, `t` from `getTranslations('Exports.summaryPage')`. What people wrote (names,
 * conditions, goals, notes, criteria labels) stays as written. The page around it hides its navigation in
 * print with the app's `no-print` class.
 */
export function ClinicalSummaryView({ summary, words: w, t }: WordsProps) {
  const p = summary.patient;
  const newestFirst = <T,>(items: readonly T[]) => [...items].reverse();
  const more = (count: number) => w.t('more', { count: String(count) });
  return (
    <article className="clinical-summary mx-auto flex max-w-4xl flex-col gap-3 bg-white p-4 text-sm text-slate-950 print:max-w-none print:gap-1.5 print:p-0 print:text-[8pt] print:leading-tight print:text-black">
      <header className="flex flex-col gap-0.5 border-b-2 border-slate-900 pb-2 print:border-black print:pb-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-bold print:text-[14pt]">{w.t('title')}</h1>
          <p className="text-slate-700 print:text-black">{w.t('generatedOn', { date: w.date(summary.generatedOn), audience: summary.audience })}</p>
        </div>
        <p className="text-lg font-semibold print:text-[10pt]">{p.name}</p>
        <p className="print:line-clamp-2">
          {w.t('patient.details', {
            born: p.dateOfBirth ? w.t('patient.born', { date: w.date(p.dateOfBirth) }) : w.t('patient.bornUnknown'),
            conditions: p.conditions || w.t('patient.conditionsUnknown'),
            renal: w.t(`renal.${p.renalFunction}`),
            pump: yesNo(p.hasIntrathecalPump),
          })}
        </p>
        {p.hasIntrathecalPump && <p className="border-2 border-slate-900 px-2 py-1 font-semibold print:border-black">{w.t('patient.pumpNotice')}</p>}
      </header>

      {/* Side by side on paper: the page's height goes to the 28 days. */}
      <div className="flex flex-col gap-3 print:grid print:grid-cols-2 print:gap-3">
        <Section title={w.t('plan.title')}>
          <PlanDetails summary={summary} words={w} t={t} />
        </Section>

        <Section title={w.t('chart.period', { days: String(summary.period.days), from: w.date(summary.period.from), to: w.date(summary.period.to) })}>
          <Chart summary={summary} words={w} t={t} />
        </Section>
      </div>

      <div className="overflow-x-auto print:overflow-visible">
        <table className="w-full border-collapse text-left text-sm print:text-[7pt] print:leading-none">
          <caption className="pb-1 text-left text-base font-semibold print:pb-0.5 print:text-[9pt]">
            {w.t('table.caption', { rows: String(summary.days.length) })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={headCell}><Heading text={w.t('table.day')} /></th>
              {TABLE_COLUMNS.map((key) => (
                <th key={key} scope="col" className={`${headCell} ${num}`}><Heading text={w.t(`table.${key}`)} /></th>
              ))}
              <th scope="col" className={headCell}><Heading text={w.t('table.redFlags')} /></th>
            </tr>
          </thead>
          <tbody>
            {summary.days.map((d) => (
              <tr key={d.date} className="break-inside-avoid even:bg-slate-50 print:even:bg-white">
                <th scope="row" className={`${cell} whitespace-nowrap font-normal`}>{w.shortDate(d.date)}</th>
                {d.checkedIn ? (
                  <>
                    <td className={`${cell} ${num}`}>{score(d.spasticity)}</td>
                    <td className={`${cell} ${num}`}>{score(d.spasmFrequency)}</td>
                    <td className={`${cell} ${num}`}>{score(d.sleepQuality)}</td>
                    <td className={`${cell} ${num}`}>{score(d.pain)}</td>
                    <td className={`${cell} ${num}`}>{score(d.anxiety)}</td>
                    <td className={`${cell} ${num}`}>{score(d.mood)}</td>
                    <td className={`${cell} ${num}`}>{d.plannedMg === null ? '' : w.num(d.plannedMg)}</td>
                    <td className={`${cell} ${num}`}>{d.takenMg === null ? '' : w.num(d.takenMg)}</td>
                    <td className={`${cell} ${num}`}>{d.dosesMissed}</td>
                    <td className={`${cell} font-semibold print:w-full print:max-w-0 print:truncate`}>{d.redFlags.map((c) => w.redFlag(c)).join('; ')}</td>
                  </>
                ) : (
                  <td colSpan={10} className={`${cell} text-slate-700 print:text-black`}>{w.t('table.noCheckIn')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="grid gap-3 sm:grid-cols-2 print:grid-cols-3 print:gap-x-4 print:gap-y-1.5">
        <Section title={w.t('redFlags.title', { days: String(summary.period.days), count: String(summary.redFlags.length) })}>
          <List
            empty={w.t('redFlags.empty')}
            more={more}
            items={newestFirst(summary.redFlags).map((f) => {
              const values = { date: w.date(f.date), label: w.redFlag(f.code) };
              return (
                <span key={`${f.date}${f.code}`} className="font-semibold">
                  {f.source === 'alert' ? w.t('redFlags.itemFromAlert', values) : w.t('redFlags.item', values)}
                </span>
              );
            })}
          />
        </Section>
        <Section title={w.t('criteria.title', { count: String(summary.criteriaFired.length), open: String(summary.openAlerts), urgent: summary.openUrgentAlerts })}>
          <List
            empty={w.t('criteria.empty')}
            more={more}
            items={newestFirst(summary.criteriaFired).map((c) =>
              w.t('criteria.item', {
                date: w.date(c.date),
                // The team's own label for its criterion, as they wrote it; the stand-in for a criterion no
                // longer in the plan is the app's, so it is in the reader's language.
                label: c.label === UNKNOWN_CRITERION ? w.t('criteria.unknownCriterion') : c.label,
                severity: w.t(`criteria.severity.${c.severity}`),
                acknowledged: yesNo(c.acknowledged),
              }),
            )}
          />
        </Section>
        <Section title={w.t('screeners.title')}>
          <List
            empty={w.t('screeners.empty')}
            more={more}
            items={newestFirst(summary.screeners).map((s) =>
              w.t('screeners.item', {
                date: w.date(s.date),
                phq2: s.phq2 === null ? '–' : String(s.phq2),
                phq2Positive: yesNo(s.phq2Positive),
                gad2: s.gad2 === null ? '–' : String(s.gad2),
                gad2Positive: yesNo(s.gad2Positive),
              }),
            )}
          />
        </Section>
        <Section title={w.t('goals.title', { count: String(summary.goals.length) })}>
          <List empty={w.t('goals.empty')} more={more} items={summary.goals.map((g) => goalText(w, g))} />
        </Section>
        <Section title={w.t('supports.title', { count: String(summary.supports.length) })}>
          <List
            empty={w.t('supports.empty')}
            more={more}
            items={summary.supports.map((a, i) => <span key={i} className={a.rescue?.pastLimits ? 'font-semibold' : undefined}>{supportText(w, a)}</span>)}
          />
        </Section>
        <Section title={w.t('careTeam.title', { count: String(summary.careTeam.length) })}>
          <List
            empty={w.t('careTeam.empty')}
            more={more}
            items={summary.careTeam.map((m) => {
              const values = { name: m.name, discipline: w.t(`careTeam.disciplines.${m.discipline}`) };
              return m.prescriber ? w.t('careTeam.itemPrescriber', values) : w.t('careTeam.item', values);
            })}
          />
        </Section>
      </div>

      <footer className="border-t-2 border-slate-900 pt-1 text-slate-800 print:border-black print:text-black">
        <p>{w.t('footer', { date: w.date(summary.generatedOn) })}</p>
      </footer>
    </article>
  );
}
