// Renders the taper components to HTML (no DOM needed) and checks their words, structure and accessibility hooks.
import { createTranslator, IntlProvider } from 'next-intl';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadMessages, type Messages } from '~/i18n/messages';
import { generateSchedule } from '~/lib/taper/engine';
import type { PatientFacts, TakeItem, TaperInput } from '~/lib/taper/types';
import { DoseChart } from './dose-chart';
import { PrintableSchedule } from './printable-schedule';
import { ScheduleTable } from './schedule-table';
import { TaperInputForm } from './taper-input-form';
import { takeText } from './take-text';
import { workedExample } from './worked-example.test-fixture';

const messages: Messages = await loadMessages('en');
const t = createTranslator({ locale: 'en', messages, namespace: 'Taper' });

function render(element: ReactElement): string {
    // Children go in as createElement's third argument; the cast only tells the types they are coming.
  const props = { locale: 'en', messages, timeZone: 'UTC' } as ComponentProps<typeof IntlProvider>;
  return renderToString(createElement(IntlProvider, props, element));
}

/** The HTML as text, with tags and entities folded away, for matching sentences. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** The opening tag of the input named `name`, whatever the order of its attributes. */
function inputTag(html: string, name: string): string {
  return html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? '';
}

const ok: PatientFacts = { hasIntrathecalPump: false, renalFunction: 'normal' };
const input: TaperInput = workedExample;
const { steps } = generateSchedule(input, ok);

const tab = (strengthMg: number, halves: number, formulation = 0): TakeItem => ({ kind: 'tablet', formulation, strengthMg, halves });

describe('takeText', () => {
  it('says halves as fractions and tablets in the singular up to one', () => {
    expect(takeText([tab(10, 2), tab(5, 1, 1)], t)).toBe('1 × 10 mg tablet + ½ × 5 mg tablet');
    expect(takeText([tab(10, 3)], t)).toBe('1½ × 10 mg tablets');
    expect(takeText([tab(10, 1)], t)).toBe('½ × 10 mg tablet');
    expect(takeText([tab(20, 4)], t)).toBe('2 × 20 mg tablets');
    expect(takeText([tab(10, 5)], t)).toBe('2½ × 10 mg tablets');
  });

  it('says liquids in mL and an empty dose as nothing', () => {
    expect(takeText([{ kind: 'liquid', formulation: 0, mgPerMl: 1, ml: 3.5 }], t)).toBe('3.5 mL of 1 mg/mL liquid');
    expect(takeText([], t)).toBe('Nothing');
  });
});

describe('ScheduleTable', () => {
  const html = render(createElement(ScheduleTable, { steps, currentIndex: 1, caption: 'Plan version 3' }));

  it('has a caption, column and row headers, and one column per dose time', () => {
    expect(html).toContain('<caption');
    expect(html).toContain('Plan version 3');
    expect(html.match(/scope="col"/g)?.length).toBe(4 + 3);
    expect(html.match(/scope="row"/g)?.length).toBe(steps.length);
    expect(text(html)).toContain('Dose at 22:00');
  });

  it('marks the running step in both layouts, with a visible "Now"', () => {
    expect(html.match(/aria-current="step"/g)?.length).toBe(2);
    expect(text(html).match(/ Now /g)?.length).toBe(2);
  });

  it('writes dates, doses, cuts and what to take in words', () => {
    const words = text(html);
    expect(words).toContain('Dec 1 – 14, 2026');
    expect(words).toContain('14 days');
    expect(words).toContain('−5 mg (8%)');
    expect(words).toContain('15 mg 1½ × 10 mg tablets');
    expect(words).toContain('final step, at the target');
  });

  it('hides the table on phones and the cards on wider screens', () => {
    expect(html).toMatch(/class="hidden [^"]*sm:block/);
    expect(html).toContain('class="sm:hidden"');
  });

  it('explains a cut above the cap and a step back', () => {
    const big = generateSchedule({ ...input, currentDailyMg: 10, strategy: { kind: 'fixed', mgPerStep: 1 } }, ok).steps;
    expect(text(render(createElement(ScheduleTable, { steps: big })))).toContain('bigger than the cap: the products cannot make a smaller cut here');
    const first = steps[0];
    if (!first) throw new Error('no steps');
    const back = { ...first, cutMg: -5, notes: ['step-back' as const] };
    expect(text(render(createElement(ScheduleTable, { steps: [back] })))).toContain('+5 mg step back to the last tolerated dose');
  });
});

describe('DoseChart', () => {
  const html = render(createElement(DoseChart, { steps, currentDailyMg: 60, today: '2026-12-20' }));

  it('is a plain svg, named by its title and described by its summary', () => {
    const last = steps.at(-1);
    expect(last?.dailyMg).toBe(0);
    const svg = /<svg role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/.exec(html);
    expect(svg).not.toBeNull();
    expect(html).toContain(`<title id="${svg?.[1]}">Daily dose over the taper</title>`);
    const desc = new RegExp(`<desc id="${svg?.[2]}">([^<]+)</desc>`).exec(html)?.[1] ?? '';
    expect(desc).toContain('Dose over time: from 60 mg/day on Dec 1, 2026 to 0 mg/day on');
    expect(desc).toContain(`, ${steps.length} steps.`);
    // The step running on 20 December is shaded, said in words too, and today is marked.
    expect(desc).toContain('Today falls in the step of');
    expect(text(html)).toContain('Shaded: the step running today');
    expect(text(html)).toContain('Today');
    // No chart library: no recharts markup, and nothing for the browser to run.
    expect(html).not.toContain('recharts');
  });

  it('offers the data as a table', () => {
    const words = text(html);
    expect(html).toContain('<details');
    expect(words).toContain('Show the data as a table');
    expect(words).toContain('Before Dec 1, 2026 (current dose) 60');
    expect(html.match(/<tr/g)?.length).toBe(1 + 1 + steps.length);
  });

  it('writes its title, description, axes and table in the reader’s language and number format', async () => {
    const es = await loadMessages('es');
    const props = { locale: 'es', messages: es, timeZone: 'UTC' } as ComponentProps<typeof IntlProvider>;
    const half = steps.map((s, i) => (i === 0 ? { ...s, dailyMg: 57.5 } : s));
    const spanish = renderToString(createElement(IntlProvider, props, createElement(DoseChart, { steps: half, currentDailyMg: 60, today: '2026-12-02' })));
    expect(spanish).toContain('>Dosis diaria a lo largo de la reducción gradual</title>');
    expect(spanish).toContain('Dosis a lo largo del tiempo: de 60 mg/día el 1 dic 2026');
    expect(spanish).toContain('Hoy está en el escalón de 57,5 mg/día');
    expect(text(spanish)).toContain('mg al día');
    expect(spanish).toMatch(/>1 dic</);
    expect(text(spanish)).toContain('57,5');
  });

  it('says so when there are no steps', () => {
    expect(text(render(createElement(DoseChart, { steps: [], currentDailyMg: 60 })))).toContain('There are no steps to chart.');
  });
});

describe('TaperInputForm', () => {
  const form = (props: Partial<Parameters<typeof TaperInputForm>[0]> = {}) =>
    render(createElement(TaperInputForm, { patient: ok, defaultStartDate: '2026-12-01', ...props }));

  it('starts from the defaults and waits for the current dose', () => {
    const html = form();
    expect(html).toContain('value="08:00"');
    expect(html).toContain('value="14:00"');
    expect(html).toContain('value="22:00"');
    expect(html).toContain('value="2026-12-01"');
    expect(text(html)).toContain('Enter the current dose to see a proposed schedule.');
    expect(html).not.toContain('role="alert"');
    expect(html.match(/<legend/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('previews the proposed schedule, chart and table for a valid input', () => {
    const html = form({ initial: input, children: createElement('button', { type: 'submit' }, 'Save the plan') });
    const words = text(html);
    expect(words).toContain('Proposed schedule (preview)');
    expect(words).toContain(`${steps.length} steps over`);
    expect(html).toContain('role="img"');
    expect(html).toContain('<caption');
    expect(words).toContain('Save the plan');
    expect(html).not.toContain('role="alert"');
  });

  it('asks for a clinical reason above 80 mg/day, and shows the guardrail as an alert on the field', () => {
    const html = form({ initial: { ...input, currentDailyMg: 90 } });
    const words = text(html);
    expect(words).toContain('Clinical reason for a dose above the 80 mg/day label maximum');
    expect(html).toContain('role="alert"');
    expect(words).toContain('The current dose is above the 80 mg/day label maximum. Record the clinical reason to go on.');
    expect(inputTag(html, 'highDoseReason')).toContain('aria-invalid="true"');
  });

  it('shows the server’s field errors, linked to their fields', () => {
    const html = form({ initial: input, fieldErrors: { 'input.stepDays': ['At most 90 days.'] } });
    const tag = inputTag(html, 'stepDays');
    expect(tag).toContain('aria-invalid="true"');
    const describedBy = tag.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(describedBy).toBeDefined();
    expect(html).toContain(`<p id="${describedBy}" class="text-sm font-medium text-red-800">At most 90 days.</p>`);
    expect(text(html)).toContain('At most 90 days.');
  });

  it('warns on reduced kidney function', () => {
    const words = text(form({ initial: input, patient: { hasIntrathecalPump: false, renalFunction: 'moderate' } }));
    expect(words).toContain('Kidney function: moderately reduced');
    expect(words).toContain('confusion or drowsiness may be baclofen toxicity rather than withdrawal');
  });

  it('shows no form at all for a patient with an intrathecal pump', () => {
    const html = form({ patient: { hasIntrathecalPump: true, renalFunction: 'normal' } });
    expect(html).not.toContain('<form');
    expect(text(html)).toContain('Pump doses are managed by the pump team');
  });
});

describe('PrintableSchedule', () => {
  const html = render(
    createElement(PrintableSchedule, { patientName: 'Alex Example', planVersion: 3, printedOn: '2026-11-28', steps, careTeamContact: 'Neurology clinic, 020 7946 0000' }),
  );

  it('names the patient, version, date and care team, and says not to stop suddenly', () => {
    const words = text(html);
    expect(words).toContain('Patient: Alex Example');
    expect(words).toContain('Plan version 3');
    expect(words).toContain('Printed on Nov 28, 2026');
    expect(words).toContain('Care team: Neurology clinic, 020 7946 0000');
    expect(words).toContain('Do not stop baclofen suddenly.');
  });

  it('lists what to take and the tablets to dispense, per step and in total', () => {
    const words = text(html);
    expect(words).toContain('15 mg : 1½ × 10 mg tablets');
    expect(words).toContain('10 mg tablets');
    expect(words).toContain('77 (7 of them cut in half)');
    expect(words).toMatch(/Total \d+/);
  });
});
