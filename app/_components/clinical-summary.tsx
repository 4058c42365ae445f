// The clinical summary as a printable page: the same facts as the PDF, in semantic HTML that fits one A4 or Letter page.
import type { ReactNode } from 'react';
import { formatDate, formatMg, formatShortDate, redFlagLabels, type ClinicalSummary, type SummaryChart, type SummaryStep } from '~/lib/export/summary';
import { PLANNED, SCORE_COLOURS, TAKEN } from '~/app/_components/trends/colours';
import './clinical-summary.css';

const cell = 'border border-slate-400 px-1.5 py-0.5 align-top print:border-black print:px-1 print:py-0';
const headCell = `${cell} bg-slate-100 font-semibold print:bg-white`;
const num = 'text-right tabular-nums';

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
function List({ items, empty, printCap = 4 }: { items: ReactNode[]; empty: string; printCap?: number }) {
  if (items.length === 0) return <p className="text-slate-700 print:text-black">{empty}</p>;
  const more = items.length - printCap;
  return (
    <ul className="list-disc pl-5 print:pl-4">
      {items.map((item, i) => (
        <li key={i} className={i >= printCap ? 'print:hidden' : 'print:line-clamp-1'}>{item}</li>
      ))}
      {more > 0 && <li className="hidden list-none print:block">… and {more} more: see the record in Taperline.</li>}
    </ul>
  );
}

const value = (n: number | null) => (n === null ? '' : String(n));
const doses = (step: SummaryStep) => step.doses.map((d) => `${d.time} ${formatMg(d.mg)} mg`).join(', ') || 'no doses';

function stepText(step: SummaryStep): string {
  const dropped = step.droppedTimes.length ? `; nothing at ${step.droppedTimes.join(', ')}` : '';
  return `${formatMg(step.dailyMg)} mg/day (${doses(step)}${dropped})`;
}

function range(values: readonly (number | null)[]): string | null {
  const known = values.flatMap((v) => (v === null ? [] : [v]));
  if (known.length === 0) return null;
  return `${Math.min(...known)} to ${Math.max(...known)}`;
}

/** What the chart shows, in words: a screen reader hears this, and the table below holds every value. */
function chartLabel(chart: SummaryChart, from: string, to: string): string {
  const parts = [
    ['spasticity', range(chart.spasticity)],
    ['sleep quality', range(chart.sleepQuality)],
  ].map(([name, r]) => (r ? `${name} ranged ${r} out of 10` : `no ${name} scores`));
  const mg = range(chart.takenMg);
  return `Chart of ${formatDate(from)} to ${formatDate(to)}: ${parts.join('; ')}; ${mg ? `daily dose taken ranged ${mg} mg` : 'no doses recorded'}. The table of check-ins below has every value.`;
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

function Chart({ summary }: { summary: ClinicalSummary }) {
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
    { label: 'Spasticity (0–10)', colour: SCORE_COLOURS.spasticity, dashed: false },
    { label: 'Sleep quality (0–10)', colour: SCORE_COLOURS.sleepQuality, dashed: false },
    { label: 'Dose taken (mg/day)', colour: TAKEN, dashed: false },
    { label: 'Dose planned (mg/day)', colour: PLANNED, dashed: true },
  ];
  return (
    <figure className="flex flex-col gap-1 break-inside-avoid">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={chartLabel(chart, period.from, period.to)} className="h-auto w-full max-w-3xl print:max-w-full">
        {[0, 5, 10].map((v) => (
          <g key={`s${v}`}>
            <line x1={left} x2={width - 4} y1={yScore(v)} y2={yScore(v)} stroke={GRID} strokeWidth={0.75} />
            <text x={left - 4} y={yScore(v) + 3.5} textAnchor="end" fontSize={10} fill={AXIS_TEXT}>{v}</text>
          </g>
        ))}
        {[0, chart.maxMg].map((v) => (
          <g key={`d${v}`}>
            <line x1={left} x2={width - 4} y1={yMg(v)} y2={yMg(v)} stroke={GRID} strokeWidth={0.75} />
            <text x={left - 4} y={yMg(v) + 3.5} textAnchor="end" fontSize={10} fill={AXIS_TEXT}>{formatMg(v)}</text>
          </g>
        ))}
        <Series values={chart.spasticity} x={x} y={yScore} colour={SCORE_COLOURS.spasticity} />
        <Series values={chart.sleepQuality} x={x} y={yScore} colour={SCORE_COLOURS.sleepQuality} />
        <Series values={chart.plannedMg} x={x} y={yMg} colour={PLANNED} dashed />
        <Series values={chart.takenMg} x={x} y={yMg} colour={TAKEN} />
        {chart.dates.map((d, i) =>
          i % 7 === 0 || i === chart.dates.length - 1 ? (
            <text key={d} x={x(i)} y={height - 3} textAnchor="middle" fontSize={10} fill={AXIS_TEXT}>{formatShortDate(d).slice(4)}</text>
          ) : null,
        )}
      </svg>
      <figcaption>
        {/* The key in HTML, so it reads and prints at the page's own size. */}
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm print:text-[7pt]" aria-label="Chart key">
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

function PlanDetails({ summary }: { summary: ClinicalSummary }) {
  const plan = summary.plan;
  if (!plan) return <p>No taper plan recorded.</p>;
  const cur = plan.currentStep;
  const next = plan.nextStep;
  return (
    <>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
        <dt className="font-semibold">Status</dt>
        <dd>
          {plan.statusLabel} · version {plan.version} · {plan.signOff}
        </dd>
        <dt className="font-semibold">Starting dose</dt>
        <dd>{formatMg(plan.startingDailyMg)} mg/day</dd>
        <dt className="font-semibold">{plan.status === 'paused' ? 'Held on step' : 'Current step'}</dt>
        <dd>
          {cur
            ? `${cur.number} of ${cur.of}: ${formatDate(cur.startDate)} – ${formatDate(cur.endDate)}, ${stepText(cur)}${plan.pausedOn ? ` (paused since ${formatDate(plan.pausedOn)})` : ''}`
            : plan.inProgress
              ? 'Not started yet'
              : 'None: the plan is closed'}
        </dd>
        <dt className="font-semibold">Next step</dt>
        <dd>
          {next
            ? `${next.number} of ${next.of}: from ${formatDate(next.startDate)}, ${stepText(next)}`
            : plan.status === 'paused'
              ? 'When the plan is resumed'
              : cur
                ? 'None: this is the last step of the plan'
                : 'None'}
        </dd>
        <dt className="font-semibold">Target</dt>
        <dd>
          {formatMg(plan.targetDailyMg)} mg/day
          {plan.targetReachedOn && `, reached on ${formatDate(plan.targetReachedOn)}`}
          {plan.endsOn && `; plan ends ${formatDate(plan.endsOn)} (after follow-up)`}
        </dd>
      </dl>
      {plan.warnings.length > 0 && (
        <ul className="mt-1 flex flex-col gap-1">
          {plan.warnings.map((w) => (
            <li key={w.code} className={`border-l-4 pl-2 print:line-clamp-2 ${w.needsAcceptance ? 'border-red-800 font-semibold' : 'border-amber-700'} print:border-black`}>
              <span className="font-semibold">Warning: </span>
              {w.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Server-renderable (no client hooks, no client JS). The page around it hides its navigation in print with the app's `no-print` class. */
export function ClinicalSummaryView({ summary }: { summary: ClinicalSummary }) {
  const p = summary.patient;
  const newestFirst = <T,>(items: readonly T[]) => [...items].reverse();
  return (
    <article className="clinical-summary mx-auto flex max-w-4xl flex-col gap-3 bg-white p-4 text-sm text-slate-950 print:max-w-none print:gap-1.5 print:p-0 print:text-[8pt] print:leading-tight print:text-black">
      <header className="flex flex-col gap-0.5 border-b-2 border-slate-900 pb-2 print:border-black print:pb-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-bold print:text-[14pt]">{summary.title}</h1>
          <p className="text-slate-700 print:text-black">
            Generated on {formatDate(summary.generatedOn)} · {summary.audience === 'patient' ? 'patient’s copy' : 'care team copy'}
          </p>
        </div>
        <p className="text-lg font-semibold print:text-[10pt]">{p.name}</p>
        <p className="print:line-clamp-2">
          {p.dateOfBirth ? `Born ${formatDate(p.dateOfBirth)}` : 'Date of birth not recorded'} · Conditions: {p.conditions || 'not recorded'} · Kidney function: {p.renalFunctionLabel} ·
          Intrathecal pump: {p.hasIntrathecalPump ? 'yes' : 'none recorded'}
        </p>
        {p.pumpNotice && <p className="border-2 border-slate-900 px-2 py-1 font-semibold print:border-black">{p.pumpNotice}</p>}
      </header>

      {/* Side by side on paper: the page's height goes to the 28 days. */}
      <div className="flex flex-col gap-3 print:grid print:grid-cols-2 print:gap-3">
        <Section title="Taper plan">
          <PlanDetails summary={summary} />
        </Section>

        <Section title={`Last ${summary.period.days} days: ${formatDate(summary.period.from)} – ${formatDate(summary.period.to)}`}>
          <Chart summary={summary} />
        </Section>
      </div>

      <div className="overflow-x-auto print:overflow-visible">
        <table className="w-full border-collapse text-left text-sm print:text-[7pt] print:leading-none">
          <caption className="pb-1 text-left text-base font-semibold print:pb-0.5 print:text-[9pt]">
            Check-ins, last {summary.days.length} days (scores 0–10; spasms on the Penn scale 0–4)
          </caption>
          <thead>
            <tr>
              <th scope="col" className={headCell}>Day</th>
              <th scope="col" className={`${headCell} ${num}`}>Spasticity</th>
              <th scope="col" className={`${headCell} ${num}`}>Spasms (0–4)</th>
              <th scope="col" className={`${headCell} ${num}`}>Sleep quality</th>
              <th scope="col" className={`${headCell} ${num}`}>Pain</th>
              <th scope="col" className={`${headCell} ${num}`}>Anxiety</th>
              <th scope="col" className={`${headCell} ${num}`}>Mood</th>
              <th scope="col" className={`${headCell} ${num}`}>Planned mg</th>
              <th scope="col" className={`${headCell} ${num}`}>Taken mg</th>
              <th scope="col" className={`${headCell} ${num}`}>Missed doses</th>
              <th scope="col" className={headCell}>Red flags</th>
            </tr>
          </thead>
          <tbody>
            {summary.days.map((d) => (
              <tr key={d.date} className="break-inside-avoid even:bg-slate-50 print:even:bg-white">
                <th scope="row" className={`${cell} whitespace-nowrap font-normal`}>{formatShortDate(d.date)}</th>
                {d.checkedIn ? (
                  <>
                    <td className={`${cell} ${num}`}>{value(d.spasticity)}</td>
                    <td className={`${cell} ${num}`}>{value(d.spasmFrequency)}</td>
                    <td className={`${cell} ${num}`}>{value(d.sleepQuality)}</td>
                    <td className={`${cell} ${num}`}>{value(d.pain)}</td>
                    <td className={`${cell} ${num}`}>{value(d.anxiety)}</td>
                    <td className={`${cell} ${num}`}>{value(d.mood)}</td>
                    <td className={`${cell} ${num}`}>{d.plannedMg === null ? '' : formatMg(d.plannedMg)}</td>
                    <td className={`${cell} ${num}`}>{d.takenMg === null ? '' : formatMg(d.takenMg)}</td>
                    <td className={`${cell} ${num}`}>{d.dosesMissed}</td>
                    <td className={`${cell} font-semibold print:max-w-[55mm] print:truncate`}>{d.redFlags.map((c) => redFlagLabels[c] ?? c).join('; ')}</td>
                  </>
                ) : (
                  <td colSpan={10} className={`${cell} text-slate-700 print:text-black`}>No check-in</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="grid gap-3 sm:grid-cols-2 print:grid-cols-3 print:gap-x-4 print:gap-y-1.5">
        <Section title={`Red flags in the ${summary.period.days} days, newest first`}>
          <List
            empty="None reported or raised."
            items={newestFirst(summary.redFlags).map((f) => (
              <span key={`${f.date}${f.code}`} className="font-semibold">
                {formatDate(f.date)}: {f.label}
                {f.source === 'alert' && <span className="font-normal"> (from a vital sign or pattern)</span>}
              </span>
            ))}
          />
        </Section>
        <Section title={`Stop-go criteria met · open alerts: ${summary.openAlerts}${summary.openUrgentAlerts ? ` (${summary.openUrgentAlerts} urgent)` : ''}`}>
          <List
            empty="No criterion was met in the period."
            items={newestFirst(summary.criteriaFired).map((c) => `${formatDate(c.date)}: ${c.label} (${c.severityLabel}, ${c.acknowledged ? 'acknowledged' : 'open'})`)}
          />
        </Section>
        <Section title="PHQ-2 and GAD-2 (0–6; 3 or more is a positive screen)">
          <List
            empty="None answered in the period."
            items={newestFirst(summary.screeners).map(
              (s) => `${formatDate(s.date)}: PHQ-2 ${s.phq2 ?? '–'}${s.phq2Positive ? ' (positive)' : ''}, GAD-2 ${s.gad2 ?? '–'}${s.gad2Positive ? ' (positive)' : ''}`,
            )}
          />
        </Section>
        <Section title="Goals">
          <List
            empty="No goals recorded."
            items={summary.goals.map((g) => (
              <>
                <span className="font-semibold">{g.title}</span> ({g.statusLabel}): target {g.target || 'not set'}
                {g.dueOn && `, due ${formatDate(g.dueOn)}`}
                {g.latestProgress && `; latest ${formatDate(g.latestProgress.recordedOn)}: ${g.latestProgress.text}`}
              </>
            ))}
          />
        </Section>
        <Section title="Supports in use">
          <List
            empty="None recorded."
            items={summary.supports.map((a) => (
              <>
                <span className="font-semibold">{a.kindLabel}:</span> {a.name}
                {a.rescue ? <span className={a.rescue.pastLimits ? 'font-semibold' : undefined}>. {a.rescue.text}</span> : a.notes && ` (${a.notes})`}
              </>
            ))}
          />
        </Section>
        <Section title="Care team">
          <List empty="No care team recorded." items={summary.careTeam.map((m) => `${m.name}, ${m.disciplineLabel}${m.prescriber ? ' (prescribes)' : ''}`)} />
        </Section>
      </div>

      <footer className="border-t-2 border-slate-900 pt-1 text-slate-800 print:border-black print:text-black">
        <p>{summary.footer}</p>
      </footer>
    </article>
  );
}
