// A taper's steps as a table on wide screens and as stacked cards on phones; usable from server and client.
import { useFormatter, useTranslations, type createFormatter } from 'next-intl';
import { Fragment, useId, type ReactNode } from 'react';
import { Badge } from '~/app/_components/ui';
import { formatDayRange } from '~/lib/dates';
import type { DoseAtTime, StepNote, TaperStep } from '~/lib/taper/types';
import { takeText, type TaperTranslator } from './take-text';

export type TaperFormatter = ReturnType<typeof createFormatter>;

/** Every dose time any step uses, in clock order: the columns of a schedule table. */
export function doseTimesOf(steps: readonly TaperStep[]): string[] {
  return [...new Set(steps.flatMap((s) => s.doses.map((d) => d.time)))].sort();
}

export function doseAt(step: TaperStep, time: string): DoseAtTime | undefined {
  return step.doses.find((d) => d.time === time);
}

function cutText(step: TaperStep, t: TaperTranslator): string {
  if (step.cutMg < 0) return t('schedule.stepBackBy', { mg: -step.cutMg });
  if (step.cutMg === 0) return t('schedule.cutNone');
  // The stop is a stop, however it reads as a percentage.
  if (step.dailyMg === 0) return t('schedule.stopFrom', { mg: step.cutMg });
  const before = step.dailyMg + step.cutMg;
  return t('schedule.cutBy', { mg: step.cutMg, share: step.cutMg / before });
}

/** Who reads the schedule: the care team sees every engine note; the patient a few, in plain words. */
export type ScheduleAudience = 'team' | 'patient';

const patientNotes = ['above-cap', 'dose-time-dropped', 'step-back', 'final'] as const satisfies readonly StepNote[];
type PatientNote = (typeof patientNotes)[number];
const isPatientNote = (note: StepNote): note is PatientNote => (patientNotes as readonly StepNote[]).includes(note);

function noteText(step: TaperStep, note: StepNote, audience: ScheduleAudience, t: TaperTranslator): string {
  const times = (step.droppedTimes ?? []).join(', ');
  if (audience === 'patient' && isPatientNote(note)) return t(`patientNotes.${note}`, { times });
  if (note === 'dose-time-dropped') return t('notes.dose-time-dropped', { times });
  if (note === 'rounded-up') return t('notes.rounded-up', { percent: Math.round((step.cutMg / (step.dailyMg + step.cutMg)) * 1000) / 10 });
  return t(`notes.${note}`);
}

function Notes({ step, audience, t }: { step: TaperStep; audience: ScheduleAudience; t: TaperTranslator }) {
  const notes = audience === 'patient' ? step.notes.filter(isPatientNote) : step.notes;
  if (notes.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-col gap-0.5 text-sm text-slate-700">
      {notes.map((note) => (
        // A cut above the cap is the one note that asks for attention: its words say so, the weight only helps.
        <li key={note} className={note === 'above-cap' ? 'font-semibold text-red-800' : undefined}>
          {noteText(step, note, audience, t)}
        </li>
      ))}
    </ul>
  );
}

/** The step's name in the table: its number, or the follow-up once the target is reached. */
function stepName(step: TaperStep, t: TaperTranslator): string {
  return step.notes.includes('final') ? t('schedule.followUp') : t('schedule.stepNumber', { number: step.index + 1 });
}

function stepLength(step: TaperStep, t: TaperTranslator): string {
  return step.notes.includes('final') ? t('schedule.followUpDays', { days: step.days }) : t('schedule.days', { days: step.days });
}

function DoseCell({ dose, t }: { dose: DoseAtTime | undefined; t: TaperTranslator }) {
  if (!dose) return <span aria-hidden="true">{t('schedule.notGiven')}</span>;
  return (
    <>
      <span className="block font-semibold">{t('mg', { mg: dose.mg })}</span>
      <span className="block text-sm text-slate-700">{takeText(dose.take, t)}</span>
    </>
  );
}

export interface ScheduleTableProps {
  steps: readonly TaperStep[];
  /** The running step: highlighted, marked "Now" and aria-current="step". */
  currentIndex?: number;
  /** Defaults to a generic "Taper schedule" caption. */
  caption?: ReactNode;
  /** The patient reads fewer notes, in plain words. Defaults to the care team's view. */
  audience?: ScheduleAudience;
}

/**
 * No client-only hooks: next-intl's hooks also run in (non-async) server components, so this renders
 * on either side of the boundary.
 */
export function ScheduleTable({ steps, currentIndex, caption, audience = 'team' }: ScheduleTableProps) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const id = useId();
  const tableCaptionId = `${id}-table-caption`;
  const cardsCaptionId = `${id}-cards-caption`;
  const title = caption ?? t('schedule.caption');
  const times = doseTimesOf(steps);

  if (steps.length === 0) {
    return (
      <div>
        <p className="font-semibold text-slate-900">{title}</p>
        <p className="text-slate-700">{t('schedule.empty')}</p>
      </div>
    );
  }

  return (
    <div>
      {/* The table and the cards are both in the DOM; display:none keeps the hidden one from assistive tech too. */}
      <div role="region" aria-labelledby={tableCaptionId} tabIndex={0} className="hidden overflow-x-auto rounded-lg border border-slate-300 sm:block">
        <table className="w-full border-collapse text-left text-base">
          <caption id={tableCaptionId} className="px-3 py-2 text-left font-semibold text-slate-900">
            {title}
          </caption>
          <thead className="bg-slate-100 text-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">{t('schedule.step')}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t('schedule.dates')}</th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">{t('schedule.dailyDose')}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t('schedule.cut')}</th>
              {times.map((time) => (
                <th key={time} scope="col" className="px-3 py-2 font-semibold">
                  {t('schedule.doseAt', { time })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {steps.map((step, i) => {
              const current = i === currentIndex;
              return (
                <tr
                  key={`${step.index}-${step.startDate}`}
                  aria-current={current ? 'step' : undefined}
                  className={`border-t border-slate-200 align-top ${current ? 'bg-brand-50' : ''}`}
                >
                  <th scope="row" className={`px-3 py-2 font-semibold whitespace-nowrap ${current ? 'border-l-4 border-brand-700' : ''}`}>
                    <span className="block">{stepName(step, t)}</span>
                    {current && <Badge tone="brand">{t('schedule.now')}</Badge>}
                  </th>
                  <td className="px-3 py-2">
                    <span className="block whitespace-nowrap">{formatDayRange(step.startDate, step.endDate, format)}</span>
                    <span className="block text-sm text-slate-700">{stepLength(step, t)}</span>
                  </td>
                  <td className="px-3 py-2 text-right font-semibold tabular-nums">{format.number(step.dailyMg)}</td>
                  <td className="px-3 py-2">
                    <span className="whitespace-nowrap">{cutText(step, t)}</span>
                    <Notes step={step} audience={audience} t={t} />
                  </td>
                  {times.map((time) => (
                    <td key={time} className="px-3 py-2">
                      <DoseCell dose={doseAt(step, time)} t={t} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div className="sm:hidden">
        <p id={cardsCaptionId} className="mb-2 font-semibold text-slate-900">{title}</p>
        <ol aria-labelledby={cardsCaptionId} className="flex flex-col gap-3">
          {steps.map((step, i) => {
            const current = i === currentIndex;
            return (
              <li
                key={`${step.index}-${step.startDate}`}
                aria-current={current ? 'step' : undefined}
                className={`rounded-lg border p-3 ${current ? 'border-2 border-brand-700 bg-brand-50' : 'border-slate-300 bg-white'}`}
              >
                <p className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold text-slate-900">{stepName(step, t)}</span>
                  {current && <Badge tone="brand">{t('schedule.now')}</Badge>}
                </p>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                  <dt className="text-slate-700">{t('schedule.dates')}</dt>
                  <dd>
                    {formatDayRange(step.startDate, step.endDate, format)}
                    <span className="block text-sm text-slate-700">{stepLength(step, t)}</span>
                  </dd>
                  <dt className="text-slate-700">{t('schedule.dailyDose')}</dt>
                  <dd className="font-semibold">{format.number(step.dailyMg)}</dd>
                  <dt className="text-slate-700">{t('schedule.cut')}</dt>
                  <dd>
                    {cutText(step, t)}
                    <Notes step={step} audience={audience} t={t} />
                  </dd>
                  {step.doses.map((dose) => (
                    <Fragment key={dose.time}>
                      <dt className="text-slate-700">{dose.time}</dt>
                      <dd>
                        <DoseCell dose={dose} t={t} />
                      </dd>
                    </Fragment>
                  ))}
                </dl>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
