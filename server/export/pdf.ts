// The clinical summary as a one-page PDF (A4 or Letter) in the reader's language, drawn with pdfkit in DejaVu Sans Condensed.
import 'server-only';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Locale } from '~/lib/i18n/locales';
import {
  UNKNOWN_CRITERION, type ClinicalSummary, type SummaryDay, type SummaryPlan, type SummaryStep,
} from '~/lib/export/summary';
import { goalText, rescueText, stepText, warningText, yesNo } from '~/lib/export/summary-text';
import { summaryPdfWords, type SummaryPdfWords } from './words';

export interface SummaryPdfOptions {
  pageSize: 'A4' | 'LETTER';
  /** The reader's language: every word on the page, its dates and its numbers (messages/<locale>/exports.json SummaryPdf). */
  locale: Locale;
  /** Uncompressed content streams, for tests that read the page's layout. Default: compressed. */
  compress?: boolean;
  /** Called with every string as it is drawn: the embedded font writes glyph numbers, not text, into the file. */
  onText?: (text: string) => void;
}

const textListeners = new WeakMap<PDFKit.PDFDocument, (text: string) => void>();

type Doc = PDFKit.PDFDocument;

const MARGIN = 30;
const INK = '#000000';
const MUTED = '#404040';
const RULE = '#8c8c8c';
const GRID = '#d4d4d4';
// The print page's chart colours (app/_components/trends/colours.ts): each at least 3:1 on white.
const SPASTICITY = '#7c3aed';
const SLEEP = '#b45309';
const TAKEN = '#1e3a8a';
const PLANNED = '#115e59';

// An embedded Unicode font, not the standard PDF fonts (Latin-1 only): patients' and clinicians' names are
// written in Latin, Greek or Cyrillic letters of every language, and "→ ≥ ≤" are part of the record's
// wording. Condensed, so a line holds about what Helvetica's would. Read from the installed package at run
// time (pdfkit embeds only the glyphs used).
const FONT_DIR = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const FONT = 'Body';
const BOLD = 'Body-Bold';

// Scripts DejaVu Sans draws: Latin (with its extensions and combining marks), Greek, Cyrillic, and the
// punctuation, arrows and mathematical signs the record uses. Anything else (CJK, emoji) is shown as "?"
// here; the print page and the CSV carry the full text.
const DRAWABLE = /[\u0020-\u007e\u00a0-\u036f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff\u2000-\u206f\u20a0-\u20bf\u2100-\u214f\u2190-\u21ff\u2200-\u22ff]/u;

/** The text as this font can draw it: whitespace runs made one space, characters it has no glyph for made "?". */
export function drawable(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) out += DRAWABLE.test(ch) ? ch : '?';
  return out;
}

interface Style {
  font?: string;
  size: number;
  color?: string;
}

function setStyle(doc: Doc, style: Style): void {
  doc.font(style.font ?? FONT).fontSize(style.size).fillColor(style.color ?? INK);
}

/** The text cut to fit `width` on one line, with "…" where it was cut. */
export function fitLine(doc: Doc, text: string, width: number): string {
  const clean = drawable(text).trim();
  if (doc.widthOfString(clean) <= width) return clean;
  let lo = 0;
  let hi = clean.length;
  // The longest prefix that still fits with the ellipsis after it.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${clean.slice(0, mid).trimEnd()}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '…' : `${clean.slice(0, lo).trimEnd()}…`;
}

/** Word-wrapped lines, at most `maxLines`; the last one ends in "…" when text was left out. */
export function wrapLines(doc: Doc, text: string, width: number, maxLines: number): string[] {
  if (maxLines <= 0) return [];
  const words = drawable(text).trim().split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  for (const [i, word] of words.entries()) {
    const candidate = current ? `${current} ${word}` : word;
    if (doc.widthOfString(candidate) <= width || current === '') {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitLine(doc, `${current} ${words.slice(i).join(' ')}`, width));
      return lines;
    }
    lines.push(fitLine(doc, current, width));
    current = word;
  }
  if (current && lines.length < maxLines) lines.push(fitLine(doc, current, width));
  return lines;
}

// Every piece of text is drawn at a position with lineBreak off: pdfkit then draws it as one line and
// never moves to a new page. Text laid out by pdfkit's own wrapper adds a page when it runs past the
// bottom margin, which would break the one-page promise.
function put(doc: Doc, text: string, x: number, y: number, width: number, style: Style, align: 'left' | 'right' | 'center' = 'left'): void {
  setStyle(doc, style);
  const line = fitLine(doc, text, width);
  const w = doc.widthOfString(line);
  const at = align === 'right' ? x + width - w : align === 'center' ? x + (width - w) / 2 : x;
  textListeners.get(doc)?.(line);
  doc.text(line, at, y, { lineBreak: false });
}

function rule(doc: Doc, x: number, y: number, width: number, color = RULE): void {
  doc.save().lineWidth(0.5).strokeColor(color).moveTo(x, y).lineTo(x + width, y).stroke().restore();
}

function stepLine(w: SummaryPdfWords, key: 'plan.currentStep' | 'plan.nextStep', step: SummaryStep): string {
  return w.t(key, { number: String(step.number), of: String(step.of), from: w.date(step.startDate), to: w.date(step.endDate), step: stepText(w, step) });
}

function headingLine(w: SummaryPdfWords, plan: SummaryPlan): string {
  return w.t('plan.heading', {
    status: w.t(`planStatus.${plan.status}`),
    version: String(plan.version),
    signOff: plan.signedOffBy ? w.t('plan.signedOffBy', { name: plan.signedOffBy }) : w.t('plan.notSignedOff'),
    mg: w.num(plan.startingDailyMg),
  });
}

/** The plan block's lines: what a clinician needs to know about the taper before anything else. */
function planLines(w: SummaryPdfWords, summary: ClinicalSummary): { text: string; bold?: boolean; warning?: boolean }[] {
  const plan = summary.plan;
  if (!plan) return [{ text: w.t('plan.none') }];
  const lines: { text: string; bold?: boolean; warning?: boolean }[] = [{ text: headingLine(w, plan), bold: true }];
  const cur = plan.currentStep;
  if (cur) {
    lines.push({
      text: plan.status === 'paused' && plan.pausedOn
        ? w.t('plan.pausedStep', { pausedOn: w.date(plan.pausedOn), number: String(cur.number), of: String(cur.of), from: w.date(cur.startDate), to: w.date(cur.endDate), step: stepText(w, cur) })
        : stepLine(w, 'plan.currentStep', cur),
    });
  } else if (plan.inProgress) {
    lines.push({ text: w.t('plan.notStarted') });
  }
  const next = plan.nextStep;
  if (next) lines.push({ text: stepLine(w, 'plan.nextStep', next) });
  else if (plan.status === 'paused') lines.push({ text: w.t('plan.nextWhenResumed') });
  else if (cur) lines.push({ text: w.t('plan.lastStep') });
  lines.push({
    text: w.t('plan.target', {
      mg: w.num(plan.targetDailyMg),
      reached: yesNo(plan.targetReachedOn !== null),
      reachedOn: plan.targetReachedOn ? w.date(plan.targetReachedOn) : '',
      ends: yesNo(plan.endsOn !== null),
      endsOn: plan.endsOn ? w.date(plan.endsOn) : '',
    }),
  });
  for (const warning of plan.warnings) lines.push({ text: w.t('plan.warning', { text: warningText(w, warning) }), warning: true });
  return lines;
}

const PLAN_LINES = 11;

/** The plan block, at most PLAN_LINES lines; warnings that do not fit are counted on a last line, never dropped unsaid. */
function drawPlan(doc: Doc, w: SummaryPdfWords, s: ClinicalSummary, x: number, y: number, width: number): number {
  const all = planLines(w, s);
  const facts = all.filter((l) => !l.warning);
  const warnings = all.filter((l) => l.warning);
  const lines: { text: string; bold: boolean }[] = [];
  for (const line of facts) {
    setStyle(doc, { font: line.bold ? BOLD : FONT, size: 7.5 });
    for (const l of wrapLines(doc, line.text, width, 2)) lines.push({ text: l, bold: line.bold ?? false });
  }
  setStyle(doc, { font: BOLD, size: 7.5 });
  const wrapped = warnings.map((warning) => wrapLines(doc, warning.text, width, 2));
  const room = PLAN_LINES - lines.length;
  const needed = wrapped.reduce((a, each) => a + each.length, 0);
  // When not every warning fits, the last line is kept to say how many were left out.
  const limit = needed <= room ? room : room - 1;
  let used = 0;
  let shown = 0;
  for (const warning of wrapped) {
    if (used + warning.length > limit) break;
    for (const l of warning) lines.push({ text: l, bold: true });
    used += warning.length;
    shown += 1;
  }
  if (shown < wrapped.length) lines.push({ text: w.t('plan.moreWarnings', { count: wrapped.length - shown }), bold: true });
  for (const line of lines) {
    put(doc, line.text, x, y, width, { font: line.bold ? BOLD : FONT, size: 7.5 });
    y += 9;
  }
  return y;
}

function drawSeries(doc: Doc, values: readonly (number | null)[], xFor: (i: number) => number, yFor: (v: number) => number, color: string, dashed = false): void {
  doc.save().lineWidth(1).strokeColor(color).fillColor(color);
  if (dashed) doc.dash(2, { space: 1.5 });
  let open = false;
  values.forEach((v, i) => {
    if (v === null) {
      if (open) doc.stroke();
      open = false;
      return;
    }
    if (open) doc.lineTo(xFor(i), yFor(v));
    else doc.moveTo(xFor(i), yFor(v));
    open = true;
  });
  if (open) doc.stroke();
  doc.undash();
  // A dot on every value, so a day alone between gaps still shows.
  values.forEach((v, i) => {
    if (v !== null) doc.circle(xFor(i), yFor(v), 1).fill(color);
  });
  doc.restore();
}

/** The chart's key, right-aligned at `right`; returns where it starts on the left. */
function legend(doc: Doc, items: readonly { label: string; color: string }[], right: number, y: number): number {
  setStyle(doc, { size: 6.5, color: INK });
  let x = right;
  for (const item of [...items].reverse()) {
    const w = doc.widthOfString(item.label);
    x -= w;
    textListeners.get(doc)?.(item.label);
    doc.text(item.label, x, y, { lineBreak: false });
    doc.save().rect(x - 9, y + 2, 7, 3).fill(item.color).restore();
    x -= 16;
  }
  return x + 7;
}

/** Spasticity and sleep quality on 0–10 above, the daily dose taken on its own mg axis below. */
function drawChart(doc: Doc, w: SummaryPdfWords, summary: ClinicalSummary, x: number, y: number, width: number): number {
  const axis = 18;
  const plotX = x + axis;
  const plotW = width - axis;
  const n = summary.chart.dates.length;
  const xFor = (i: number) => plotX + ((i + 0.5) * plotW) / Math.max(n, 1);

  const legendLeft = legend(doc, [
    { label: w.t('chart.spasticity'), color: SPASTICITY },
    { label: w.t('chart.sleepQuality'), color: SLEEP },
    { label: w.t('chart.taken'), color: TAKEN },
    { label: w.t('chart.planned'), color: PLANNED },
  ], x + width, y + 1);
  // The heading takes what the key leaves (a longer language's key must not run into it).
  const period = w.t('chart.period', { days: String(summary.period.days), from: w.date(summary.period.from), to: w.date(summary.period.to) });
  put(doc, period, x, y, legendLeft - 8 - x, { font: BOLD, size: 8 });

  const scoresTop = y + 12;
  const scoresH = 56;
  const yScore = (v: number) => scoresTop + scoresH - (v / 10) * scoresH;
  for (const v of [0, 5, 10]) {
    rule(doc, plotX, yScore(v), plotW, GRID);
    put(doc, String(v), x, yScore(v) - 2.5, axis - 3, { size: 6, color: MUTED }, 'right');
  }
  drawSeries(doc, summary.chart.spasticity, xFor, yScore, SPASTICITY);
  drawSeries(doc, summary.chart.sleepQuality, xFor, yScore, SLEEP);

  const doseTop = scoresTop + scoresH + 8;
  const doseH = 28;
  const max = summary.chart.maxMg;
  const yMg = (v: number) => doseTop + doseH - (v / max) * doseH;
  for (const v of [0, max]) {
    rule(doc, plotX, yMg(v), plotW, GRID);
    put(doc, w.num(v), x, yMg(v) - 2.5, axis - 3, { size: 6, color: MUTED }, 'right');
  }
  put(doc, 'mg', x, doseTop + doseH / 2 - 3, axis - 3, { size: 6, color: MUTED }, 'right');
  drawSeries(doc, summary.chart.plannedMg, xFor, yMg, PLANNED, true);
  drawSeries(doc, summary.chart.takenMg, xFor, yMg, TAKEN);

  const labelsY = doseTop + doseH + 2;
  summary.chart.dates.forEach((date, i) => {
    if (i % 7 === 0 || i === n - 1) put(doc, w.dayMonth(date), xFor(i) - 15, labelsY, 30, { size: 6, color: MUTED }, 'center');
  });
  return labelsY + 9 - y;
}

type ColumnKey = 'spasticity' | 'spasms' | 'sleep' | 'pain' | 'anxiety' | 'mood' | 'plannedMg' | 'takenMg' | 'missed';

// The day column comes first and is drawn on every row, check-in or not; the others only on days with one.
// Widths are the least each column takes; a heading wider than that (Spanish "Espasticidad") widens its
// column, and the red-flags column, last and widest, gives up the room.
const DAY_COLUMN_W = 44;
const TABLE_COLUMNS: { key: ColumnKey; width: number; cell: (d: SummaryDay, w: SummaryPdfWords) => string }[] = [
  { key: 'spasticity', width: 38, cell: (d) => score(d.spasticity) },
  { key: 'spasms', width: 44, cell: (d) => score(d.spasmFrequency) },
  { key: 'sleep', width: 26, cell: (d) => score(d.sleepQuality) },
  { key: 'pain', width: 24, cell: (d) => score(d.pain) },
  { key: 'anxiety', width: 30, cell: (d) => score(d.anxiety) },
  { key: 'mood', width: 24, cell: (d) => score(d.mood) },
  { key: 'plannedMg', width: 46, cell: (d, w) => (d.plannedMg === null ? '' : w.num(d.plannedMg)) },
  { key: 'takenMg', width: 38, cell: (d, w) => (d.takenMg === null ? '' : w.num(d.takenMg)) },
  { key: 'missed', width: 30, cell: (d) => (d.checkedIn ? String(d.dosesMissed) : '') },
];
const HEADER: Style = { font: BOLD, size: 6.5 };
const CELL_PAD = 3;

function score(n: number | null): string {
  return n === null ? '' : String(n);
}

const ROW_H = 8.2;

function drawTable(doc: Doc, w: SummaryPdfWords, summary: ClinicalSummary, rows: readonly SummaryDay[], x: number, y: number, width: number): number {
  const shown = rows.length < summary.days.length;
  const caption = shown
    ? w.t('table.captionShortened', { rows: String(rows.length), days: String(summary.period.days) })
    : w.t('table.caption', { rows: String(rows.length) });
  put(doc, caption, x, y, width, { font: BOLD, size: 8 });
  let cy = y + 11;
  setStyle(doc, HEADER);
  const columns = TABLE_COLUMNS.map((c) => {
    const label = w.t(`table.${c.key}`);
    return { ...c, label, width: Math.max(c.width, Math.ceil(doc.widthOfString(drawable(label))) + CELL_PAD) };
  });
  const fixed = DAY_COLUMN_W + columns.reduce((a, c) => a + c.width, 0);
  const flagsW = width - fixed - 4;
  put(doc, w.t('table.day'), x, cy, DAY_COLUMN_W - CELL_PAD, HEADER);
  let cx = x + DAY_COLUMN_W;
  for (const c of columns) {
    put(doc, c.label, cx, cy, c.width - CELL_PAD, HEADER, 'right');
    cx += c.width;
  }
  put(doc, w.t('table.redFlags'), cx + 4, cy, flagsW, HEADER);
  cy += ROW_H;
  rule(doc, x, cy - 1, width);
  for (const [i, day] of rows.entries()) {
    if (i % 2 === 1) doc.save().rect(x, cy - 1, width, ROW_H).fill('#f2f2f2').restore();
    put(doc, w.shortDate(day.date), x, cy, DAY_COLUMN_W - CELL_PAD, { size: 7 });
    cx = x + DAY_COLUMN_W;
    if (!day.checkedIn) {
      put(doc, w.t('table.noCheckIn'), cx, cy, 120, { size: 7, color: MUTED });
    } else {
      for (const c of columns) {
        put(doc, c.cell(day, w), cx, cy, c.width - CELL_PAD, { size: 7 }, 'right');
        cx += c.width;
      }
      const flags = day.redFlags.map((code) => w.redFlag(code)).join('; ');
      if (flags) put(doc, flags, cx + 4, cy, flagsW, { font: BOLD, size: 7 });
    }
    cy += ROW_H;
  }
  return cy - y;
}

interface Section {
  title: string;
  empty: string;
  /** Each item's wrapped lines are made when the width is known. */
  items: { text: string; maxLines: number; bold?: boolean }[];
}

const LINE_H = 8.4;

/** Lines each section may use: a heading and at least one line each, then the rest shared out one by one. */
function allot(sections: readonly Section[], capacity: number): number[] {
  const lines = sections.map(() => 2);
  let left = capacity - lines.length * 2;
  const wants = sections.map((s) => Math.max(1, s.items.reduce((a, i) => a + i.maxLines, 0)));
  let grew = true;
  while (left > 0 && grew) {
    grew = false;
    for (const [i, want] of wants.entries()) {
      const has = lines[i] ?? 2;
      if (left > 0 && has - 1 < want) {
        lines[i] = has + 1;
        left -= 1;
        grew = true;
      }
    }
  }
  return lines;
}

function drawSections(doc: Doc, w: SummaryPdfWords, sections: readonly Section[], x: number, y: number, width: number, height: number): void {
  const capacity = Math.floor(height / LINE_H) - (sections.length - 1);
  const lines = allot(sections, Math.max(capacity, sections.length * 2));
  let cy = y;
  for (const [i, section] of sections.entries()) {
    const budget = (lines[i] ?? 2) - 1;
    put(doc, section.title, x, cy, width, { font: BOLD, size: 8 });
    cy += LINE_H;
    setStyle(doc, { size: 7 });
    const wrapped = section.items.map((item) => ({ item, lines: wrapLines(doc, item.text, width - 6, item.maxLines) }));
    if (wrapped.length === 0) {
      put(doc, section.empty, x, cy, width, { size: 7, color: MUTED });
      cy += LINE_H * budget;
    } else {
      const total = wrapped.reduce((a, each) => a + each.lines.length, 0);
      // When not everything fits, the last line says how many items were left out.
      const room = total <= budget ? budget : budget - 1;
      let used = 0;
      let drawn = 0;
      for (const each of wrapped) {
        const take = each.lines.slice(0, room - used);
        if (take.length === 0 || (take.length < each.lines.length && drawn > 0)) break;
        for (const [k, line] of take.entries()) {
          if (k === 0) put(doc, '•', x, cy, 6, { size: 7 });
          const cut = k === take.length - 1 && take.length < each.lines.length && !line.endsWith('…');
          put(doc, cut ? `${line}…` : line, x + 6, cy, width - 6, { font: each.item.bold ? BOLD : FONT, size: 7 });
          cy += LINE_H;
          used += 1;
        }
        drawn += 1;
      }
      if (drawn < wrapped.length) {
        put(doc, w.t('more', { count: String(wrapped.length - drawn) }), x + 6, cy, width - 6, { size: 7, color: MUTED });
        cy += LINE_H;
        used += 1;
      }
      cy += LINE_H * Math.max(0, budget - used);
    }
    cy += LINE_H;
  }
}

// The model lists these oldest first; on a page where the end of a list may not fit, the latest matter most.
const newestFirst = <T,>(items: readonly T[]): T[] => [...items].reverse();

function leftSections(w: SummaryPdfWords, s: ClinicalSummary): Section[] {
  return [
    {
      title: w.t('redFlags.title', { days: String(s.period.days), count: String(s.redFlags.length) }),
      empty: w.t('redFlags.empty'),
      items: newestFirst(s.redFlags).map((f) => {
        const values = { date: w.date(f.date), label: w.redFlag(f.code) };
        return { text: f.source === 'alert' ? w.t('redFlags.itemFromAlert', values) : w.t('redFlags.item', values), maxLines: 1, bold: true };
      }),
    },
    {
      title: w.t('criteria.title', { count: String(s.criteriaFired.length), open: String(s.openAlerts), urgent: s.openUrgentAlerts }),
      empty: w.t('criteria.empty'),
      items: newestFirst(s.criteriaFired).map((c) => ({
        text: w.t('criteria.item', {
          date: w.date(c.date),
          // The team's own label for its criterion, in the words they wrote it; the summary's stand-in for a
          // criterion no longer in the plan is the app's, so it is worded in the reader's language.
          label: c.label === UNKNOWN_CRITERION ? w.t('criteria.unknownCriterion') : c.label,
          severity: w.t(`criteria.severity.${c.severity}`),
          acknowledged: yesNo(c.acknowledged),
        }),
        maxLines: 1,
      })),
    },
    {
      title: w.t('screeners.title'),
      empty: w.t('screeners.empty'),
      items: newestFirst(s.screeners).map((x) => ({
        text: w.t('screeners.item', {
          date: w.date(x.date),
          phq2: x.phq2 === null ? '–' : String(x.phq2),
          phq2Positive: yesNo(x.phq2Positive),
          gad2: x.gad2 === null ? '–' : String(x.gad2),
          gad2Positive: yesNo(x.gad2Positive),
        }),
        maxLines: 1,
      })),
    },
  ];
}



function rightSections(w: SummaryPdfWords, s: ClinicalSummary): Section[] {
  return [
    {
      title: w.t('goals.title', { count: String(s.goals.length) }),
      empty: w.t('goals.empty'),
      items: s.goals.map((g) => ({ text: goalText(w, g), maxLines: 1 })),
    },
    {
      title: w.t('supports.title', { count: String(s.supports.length) }),
      empty: w.t('supports.empty'),
      items: s.supports.map((a) => {
        const kind = w.t(`supports.kinds.${a.kind}`);
        if (a.rescue) return { text: w.t('supports.rescueItem', { kind, name: a.name, limits: rescueText(w, a.rescue) }), maxLines: 3, bold: a.rescue.pastLimits };
        return { text: a.notes ? w.t('supports.itemNotes', { kind, name: a.name, notes: a.notes }) : w.t('supports.item', { kind, name: a.name }), maxLines: 1 };
      }),
    },
    {
      title: w.t('careTeam.title', { count: String(s.careTeam.length) }),
      empty: w.t('careTeam.empty'),
      items: s.careTeam.map((m) => {
        const values = { name: m.name, discipline: w.t(`careTeam.disciplines.${m.discipline}`) };
        return { text: m.prescriber ? w.t('careTeam.itemPrescriber', values) : w.t('careTeam.item', values), maxLines: 1 };
      }),
    },
  ];
}

function draw(doc: Doc, w: SummaryPdfWords, s: ClinicalSummary): void {
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const x = MARGIN;
  const width = pageW - 2 * MARGIN;
  let y = MARGIN;

  put(doc, w.t('title'), x, y, width / 2, { font: BOLD, size: 15 });
  put(doc, w.t('generatedOn', { date: w.date(s.generatedOn), audience: s.audience }), x + width / 2, y + 4, width / 2, { size: 7.5, color: MUTED }, 'right');
  y += 20;
  put(doc, s.patient.name, x, y, width, { font: BOLD, size: 10 });
  y += 12;
  setStyle(doc, { size: 7.5 });
  const details = w.t('patient.details', {
    born: s.patient.dateOfBirth ? w.t('patient.born', { date: w.date(s.patient.dateOfBirth) }) : w.t('patient.bornUnknown'),
    conditions: s.patient.conditions || w.t('patient.conditionsUnknown'),
    renal: w.t(`renal.${s.patient.renalFunction}`),
    pump: yesNo(s.patient.hasIntrathecalPump),
  });
  for (const line of wrapLines(doc, details, width, 2)) {
    put(doc, line, x, y, width, { size: 7.5 });
    y += 9;
  }
  if (s.patient.hasIntrathecalPump) {
    setStyle(doc, { font: BOLD, size: 7.5 });
    for (const line of wrapLines(doc, w.t('patient.pumpNotice'), width, 2)) {
      put(doc, line, x, y, width, { font: BOLD, size: 7.5 });
      y += 9;
    }
  }
  y += 2;
  rule(doc, x, y, width, INK);
  y += 5;

  put(doc, w.t('plan.title'), x, y, width, { font: BOLD, size: 9 });
  y += 11;
  y = drawPlan(doc, w, s, x, y, width);
  y += 3;
  rule(doc, x, y, width);
  y += 5;

  y += drawChart(doc, w, s, x, y, width) + 4;

  const footerH = 20;
  const footerY = pageH - MARGIN - footerH;
  // The lower sections need room for a heading and a line each; below that, the table shows two weeks.
  const sectionsMin = 3 * 3 * LINE_H + 12;
  const tableFull = 11 + ROW_H * (s.days.length + 1) + 6;
  const rows = footerY - (y + tableFull) >= sectionsMin ? s.days : s.days.slice(-14);
  y += drawTable(doc, w, s, rows, x, y, width) + 6;

  rule(doc, x, y - 3, width);
  const colGap = 14;
  const colW = (width - colGap) / 2;
  const sectionsH = footerY - y - 4;
  drawSections(doc, w, leftSections(w, s), x, y, colW, sectionsH);
  drawSections(doc, w, rightSections(w, s), x + colW + colGap, y, colW, sectionsH);

  rule(doc, x, footerY, width, INK);
  setStyle(doc, { size: 7, color: MUTED });
  let fy = footerY + 4;
  for (const line of wrapLines(doc, w.t('footer', { date: w.date(s.generatedOn) }), width, 2)) {
    put(doc, line, x, fy, width, { size: 7, color: MUTED });
    fy += 8;
  }
}

/**
 * The summary on exactly one page, in the reader's language. The title in the metadata names the document,
 * never the patient. What people wrote (names, conditions, goals, notes, criteria labels) stays as written.
 */
export function summaryPdf(summary: ClinicalSummary, opts: SummaryPdfOptions): Promise<Buffer> {
  const w = summaryPdfWords(opts.locale);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: opts.pageSize,
      margin: MARGIN,
      compress: opts.compress ?? true,
      lang: opts.locale,
      displayTitle: true,
      info: { Title: w.t('title'), Creator: 'Taperline', Producer: 'Taperline' },
    });
    doc.registerFont(FONT, path.join(FONT_DIR, 'DejaVuSansCondensed.ttf'));
    doc.registerFont(BOLD, path.join(FONT_DIR, 'DejaVuSansCondensed-Bold.ttf'));
    if (opts.onText) textListeners.set(doc, opts.onText);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc, w, summary);
    } catch (error) {
      reject(error);
    }
    doc.end();
  });
}
