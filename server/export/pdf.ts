// The clinical summary as a one-page PDF (A4 or Letter), drawn with pdfkit in DejaVu Sans Condensed.
import 'server-only';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import {
  formatDate, formatMg, formatShortDate, redFlagLabels, type ClinicalSummary, type SummaryDay, type SummaryStep,
} from '~/lib/export/summary';

export interface SummaryPdfOptions {
  pageSize: 'A4' | 'LETTER';
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

const dosesText = (step: SummaryStep) => step.doses.map((d) => `${d.time} ${formatMg(d.mg)} mg`).join(', ');

function stepText(step: SummaryStep): string {
  const dropped = step.droppedTimes.length ? `; nothing at ${step.droppedTimes.join(', ')}` : '';
  return `${formatMg(step.dailyMg)} mg/day (${dosesText(step) || 'no doses'}${dropped})`;
}

/** The plan block's lines: what a clinician needs to know about the taper before anything else. */
function planLines(summary: ClinicalSummary): { text: string; bold?: boolean; warning?: boolean }[] {
  const plan = summary.plan;
  if (!plan) return [{ text: 'No taper plan recorded.' }];
  const lines: { text: string; bold?: boolean; warning?: boolean }[] = [
    { text: `${plan.statusLabel} · version ${plan.version} · ${plan.signOff} · starting dose ${formatMg(plan.startingDailyMg)} mg/day`, bold: true },
  ];
  const cur = plan.currentStep;
  if (cur) {
    const held = plan.status === 'paused' && plan.pausedOn ? `Paused since ${formatDate(plan.pausedOn)} on step` : 'Current step';
    lines.push({ text: `${held} ${cur.number} of ${cur.of}: ${formatDate(cur.startDate)} – ${formatDate(cur.endDate)}, ${stepText(cur)}` });
  } else if (plan.inProgress) {
    lines.push({ text: 'Not started yet.' });
  }
  const next = plan.nextStep;
  if (next) lines.push({ text: `Next step ${next.number} of ${next.of}: from ${formatDate(next.startDate)}, ${stepText(next)}` });
  else if (plan.status === 'paused') lines.push({ text: 'Next change: when the plan is resumed.' });
  else if (cur) lines.push({ text: 'No next change: this is the last step of the plan.' });
  const reached = plan.targetReachedOn ? `, reached on ${formatDate(plan.targetReachedOn)}` : '';
  const ends = plan.endsOn ? `; plan ends ${formatDate(plan.endsOn)} (after follow-up)` : '';
  lines.push({ text: `Target ${formatMg(plan.targetDailyMg)} mg/day${reached}${ends}.` });
  for (const w of plan.warnings) lines.push({ text: `Warning: ${w.text}`, warning: true });
  return lines;
}

const PLAN_LINES = 11;

/** The plan block, at most PLAN_LINES lines; warnings that do not fit are counted on a last line, never dropped unsaid. */
function drawPlan(doc: Doc, s: ClinicalSummary, x: number, y: number, width: number): number {
  const all = planLines(s);
  const facts = all.filter((l) => !l.warning);
  const warnings = all.filter((l) => l.warning);
  const lines: { text: string; bold: boolean }[] = [];
  for (const line of facts) {
    setStyle(doc, { font: line.bold ? BOLD : FONT, size: 7.5 });
    for (const l of wrapLines(doc, line.text, width, 2)) lines.push({ text: l, bold: line.bold ?? false });
  }
  setStyle(doc, { font: BOLD, size: 7.5 });
  const wrapped = warnings.map((w) => wrapLines(doc, w.text, width, 2));
  const room = PLAN_LINES - lines.length;
  const needed = wrapped.reduce((a, w) => a + w.length, 0);
  // When not every warning fits, the last line is kept to say how many were left out.
  const limit = needed <= room ? room : room - 1;
  let used = 0;
  let shown = 0;
  for (const w of wrapped) {
    if (used + w.length > limit) break;
    for (const l of w) lines.push({ text: l, bold: true });
    used += w.length;
    shown += 1;
  }
  if (shown < wrapped.length) lines.push({ text: `… and ${wrapped.length - shown} more ${wrapped.length - shown === 1 ? 'warning' : 'warnings'} on this plan: see the plan page.`, bold: true });
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

function legend(doc: Doc, items: readonly { label: string; color: string }[], right: number, y: number): void {
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
}

/** Spasticity and sleep quality on 0–10 above, the daily dose taken on its own mg axis below. */
function drawChart(doc: Doc, summary: ClinicalSummary, x: number, y: number, width: number): number {
  const axis = 18;
  const plotX = x + axis;
  const plotW = width - axis;
  const n = summary.chart.dates.length;
  const xFor = (i: number) => plotX + ((i + 0.5) * plotW) / Math.max(n, 1);

  put(doc, `Last ${summary.period.days} days: ${formatDate(summary.period.from)} – ${formatDate(summary.period.to)}`, x, y, width / 2, { font: BOLD, size: 8 });
  legend(doc, [
    { label: 'Spasticity (0–10)', color: SPASTICITY },
    { label: 'Sleep quality (0–10)', color: SLEEP },
    { label: 'Dose taken (mg/day)', color: TAKEN },
    { label: 'Planned (dashed)', color: PLANNED },
  ], x + width, y + 1);

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
    put(doc, `${formatMg(v)}`, x, yMg(v) - 2.5, axis - 3, { size: 6, color: MUTED }, 'right');
  }
  put(doc, 'mg', x, doseTop + doseH / 2 - 3, axis - 3, { size: 6, color: MUTED }, 'right');
  drawSeries(doc, summary.chart.plannedMg, xFor, yMg, PLANNED, true);
  drawSeries(doc, summary.chart.takenMg, xFor, yMg, TAKEN);

  const labelsY = doseTop + doseH + 2;
  summary.chart.dates.forEach((date, i) => {
    if (i % 7 === 0 || i === n - 1) put(doc, formatShortDate(date).slice(4), xFor(i) - 15, labelsY, 30, { size: 6, color: MUTED }, 'center');
  });
  return labelsY + 9 - y;
}

const TABLE_COLUMNS: { label: string; width: number; align: 'left' | 'right'; cell: (d: SummaryDay) => string }[] = [
  { label: 'Day', width: 44, align: 'left', cell: (d) => formatShortDate(d.date) },
  { label: 'Spasticity', width: 38, align: 'right', cell: (d) => num(d.spasticity) },
  { label: 'Spasms 0–4', width: 44, align: 'right', cell: (d) => num(d.spasmFrequency) },
  { label: 'Sleep', width: 26, align: 'right', cell: (d) => num(d.sleepQuality) },
  { label: 'Pain', width: 24, align: 'right', cell: (d) => num(d.pain) },
  { label: 'Anxiety', width: 30, align: 'right', cell: (d) => num(d.anxiety) },
  { label: 'Mood', width: 24, align: 'right', cell: (d) => num(d.mood) },
  { label: 'Planned mg', width: 46, align: 'right', cell: (d) => (d.plannedMg === null ? '' : formatMg(d.plannedMg)) },
  { label: 'Taken mg', width: 38, align: 'right', cell: (d) => (d.takenMg === null ? '' : formatMg(d.takenMg)) },
  { label: 'Missed', width: 30, align: 'right', cell: (d) => (d.checkedIn ? String(d.dosesMissed) : '') },
];

function num(n: number | null): string {
  return n === null ? '' : String(n);
}

const ROW_H = 8.2;

function drawTable(doc: Doc, summary: ClinicalSummary, rows: readonly SummaryDay[], x: number, y: number, width: number): number {
  const shown = rows.length < summary.days.length;
  const caption = shown
    ? `Check-ins, last ${rows.length} days (the ${summary.period.days}-day table did not fit this page; the chart and the CSV export have every day). Scores 0–10 unless marked.`
    : `Check-ins, last ${rows.length} days. Scores 0–10 unless marked.`;
  put(doc, caption, x, y, width, { font: BOLD, size: 8 });
  let cy = y + 11;
  const fixed = TABLE_COLUMNS.reduce((a, c) => a + c.width, 0);
  const flagsW = width - fixed - 4;
  let cx = x;
  for (const c of TABLE_COLUMNS) {
    put(doc, c.label, cx, cy, c.width - 3, { font: BOLD, size: 6.5 }, c.align);
    cx += c.width;
  }
  put(doc, 'Red flags', cx + 4, cy, flagsW, { font: BOLD, size: 6.5 });
  cy += ROW_H;
  rule(doc, x, cy - 1, width);
  for (const [i, day] of rows.entries()) {
    if (i % 2 === 1) doc.save().rect(x, cy - 1, width, ROW_H).fill('#f2f2f2').restore();
    cx = x;
    if (!day.checkedIn) {
      put(doc, TABLE_COLUMNS[0]?.cell(day) ?? day.date, cx, cy, (TABLE_COLUMNS[0]?.width ?? 46) - 3, { size: 7 });
      put(doc, 'No check-in', cx + (TABLE_COLUMNS[0]?.width ?? 46), cy, 120, { size: 7, color: MUTED });
    } else {
      for (const c of TABLE_COLUMNS) {
        put(doc, c.cell(day), cx, cy, c.width - 3, { size: 7 }, c.align);
        cx += c.width;
      }
      const flags = day.redFlags.map((code) => redFlagLabels[code] ?? code).join('; ');
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

function drawSections(doc: Doc, sections: readonly Section[], x: number, y: number, width: number, height: number): void {
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
      const total = wrapped.reduce((a, w) => a + w.lines.length, 0);
      // When not everything fits, the last line says how many items were left out.
      const room = total <= budget ? budget : budget - 1;
      let used = 0;
      let drawn = 0;
      for (const w of wrapped) {
        const take = w.lines.slice(0, room - used);
        if (take.length === 0 || (take.length < w.lines.length && drawn > 0)) break;
        for (const [k, line] of take.entries()) {
          if (k === 0) put(doc, '•', x, cy, 6, { size: 7 });
          const cut = k === take.length - 1 && take.length < w.lines.length && !line.endsWith('…');
          put(doc, cut ? `${line}…` : line, x + 6, cy, width - 6, { font: w.item.bold ? BOLD : FONT, size: 7 });
          cy += LINE_H;
          used += 1;
        }
        drawn += 1;
      }
      if (drawn < wrapped.length) {
        put(doc, `… and ${wrapped.length - drawn} more (see the portal or the CSV export)`, x + 6, cy, width - 6, { size: 7, color: MUTED });
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

function leftSections(s: ClinicalSummary): Section[] {
  return [
    {
      title: `Red flags in the ${s.period.days} days (${s.redFlags.length}), newest first`,
      empty: 'None reported or raised.',
      items: newestFirst(s.redFlags).map((f) => ({ text: `${formatDate(f.date)}: ${f.label}${f.source === 'alert' ? ' (from a vital sign or pattern)' : ''}`, maxLines: 1, bold: true })),
    },
    {
      title: `Stop-go criteria met (${s.criteriaFired.length}) · open alerts: ${s.openAlerts}${s.openUrgentAlerts ? ` (${s.openUrgentAlerts} urgent)` : ''}`,
      empty: 'No criterion was met in the period.',
      items: newestFirst(s.criteriaFired).map((c) => ({ text: `${formatDate(c.date)}: ${c.label} (${c.severityLabel}${c.acknowledged ? ', acknowledged' : ', open'})`, maxLines: 1 })),
    },
    {
      title: 'PHQ-2 and GAD-2 (0–6; 3 or more is a positive screen)',
      empty: 'None answered in the period.',
      items: newestFirst(s.screeners).map((x) => ({
        text: `${formatDate(x.date)}: PHQ-2 ${x.phq2 ?? '–'}${x.phq2Positive ? ' (positive)' : ''}, GAD-2 ${x.gad2 ?? '–'}${x.gad2Positive ? ' (positive)' : ''}`,
        maxLines: 1,
      })),
    },
  ];
}

function rightSections(s: ClinicalSummary): Section[] {
  return [
    {
      title: `Goals (${s.goals.length})`,
      empty: 'No goals recorded.',
      items: s.goals.map((g) => {
        const due = g.dueOn ? `, due ${formatDate(g.dueOn)}` : '';
        const progress = g.latestProgress ? `; latest ${formatDate(g.latestProgress.recordedOn)}: ${g.latestProgress.text}` : '';
        return { text: `${g.title} (${g.statusLabel}) - target ${g.target || 'not set'}${due}${progress}`, maxLines: 1 };
      }),
    },
    {
      title: `Supports in use (${s.supports.length})`,
      empty: 'None recorded.',
      items: s.supports.map((a) =>
        a.rescue
          ? { text: `${a.kindLabel}: ${a.name}. ${a.rescue.text}`, maxLines: 3, bold: a.rescue.pastLimits }
          : { text: `${a.kindLabel}: ${a.name}${a.notes ? ` (${a.notes})` : ''}`, maxLines: 1 },
      ),
    },
    {
      title: `Care team (${s.careTeam.length})`,
      empty: 'No care team recorded.',
      items: s.careTeam.map((m) => ({ text: `${m.name}, ${m.disciplineLabel}${m.prescriber ? ' (prescribes)' : ''}`, maxLines: 1 })),
    },
  ];
}

function draw(doc: Doc, s: ClinicalSummary): void {
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const x = MARGIN;
  const width = pageW - 2 * MARGIN;
  let y = MARGIN;

  put(doc, s.title, x, y, width / 2, { font: BOLD, size: 15 });
  put(doc, `Generated on ${formatDate(s.generatedOn)} · ${s.audience === 'patient' ? 'patient’s copy' : 'care team copy'}`, x + width / 2, y + 4, width / 2, { size: 7.5, color: MUTED }, 'right');
  y += 20;
  put(doc, s.patient.name, x, y, width, { font: BOLD, size: 10 });
  y += 12;
  setStyle(doc, { size: 7.5 });
  const born = s.patient.dateOfBirth ? `Born ${formatDate(s.patient.dateOfBirth)}` : 'Date of birth not recorded';
  const details = `${born} · Conditions: ${s.patient.conditions || 'not recorded'} · Kidney function: ${s.patient.renalFunctionLabel} · Intrathecal pump: ${s.patient.hasIntrathecalPump ? 'yes' : 'none recorded'}`;
  for (const line of wrapLines(doc, details, width, 2)) {
    put(doc, line, x, y, width, { size: 7.5 });
    y += 9;
  }
  if (s.patient.pumpNotice) {
    setStyle(doc, { font: BOLD, size: 7.5 });
    for (const line of wrapLines(doc, s.patient.pumpNotice, width, 2)) {
      put(doc, line, x, y, width, { font: BOLD, size: 7.5 });
      y += 9;
    }
  }
  y += 2;
  rule(doc, x, y, width, INK);
  y += 5;

  put(doc, 'Taper plan', x, y, width, { font: BOLD, size: 9 });
  y += 11;
  y = drawPlan(doc, s, x, y, width);
  y += 3;
  rule(doc, x, y, width);
  y += 5;

  y += drawChart(doc, s, x, y, width) + 4;

  const footerH = 20;
  const footerY = pageH - MARGIN - footerH;
  // The lower sections need room for a heading and a line each; below that, the table shows two weeks.
  const sectionsMin = 3 * 3 * LINE_H + 12;
  const tableFull = 11 + ROW_H * (s.days.length + 1) + 6;
  const rows = footerY - (y + tableFull) >= sectionsMin ? s.days : s.days.slice(-14);
  y += drawTable(doc, s, rows, x, y, width) + 6;

  rule(doc, x, y - 3, width);
  const colGap = 14;
  const colW = (width - colGap) / 2;
  const sectionsH = footerY - y - 4;
  drawSections(doc, leftSections(s), x, y, colW, sectionsH);
  drawSections(doc, rightSections(s), x + colW + colGap, y, colW, sectionsH);

  rule(doc, x, footerY, width, INK);
  setStyle(doc, { size: 7, color: MUTED });
  let fy = footerY + 4;
  for (const line of wrapLines(doc, s.footer, width, 2)) {
    put(doc, line, x, fy, width, { size: 7, color: MUTED });
    fy += 8;
  }
}

/** The summary on exactly one page. The title in the metadata names the document, never the patient. */
export function summaryPdf(summary: ClinicalSummary, opts: SummaryPdfOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: opts.pageSize,
      margin: MARGIN,
      compress: opts.compress ?? true,
      lang: 'en',
      displayTitle: true,
      info: { Title: 'Clinical summary', Creator: 'Taperline', Producer: 'Taperline' },
    });
    doc.registerFont(FONT, path.join(FONT_DIR, 'DejaVuSansCondensed.ttf'));
    doc.registerFont(BOLD, path.join(FONT_DIR, 'DejaVuSansCondensed-Bold.ttf'));
    if (opts.onText) textListeners.set(doc, opts.onText);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc, summary);
    } catch (error) {
      reject(error);
    }
    doc.end();
  });
}
