// A line with its dots, and its sample for a chart's key, in one style: colour, dash and dot shape, so lines differ without colour.
import type { LineStyle } from '~/app/_components/trends/colours';
import { keepStroke } from './chart-frame';

const capOf = (style: LineStyle) => (style.dot === 'circle' || style.dot === 'ring' ? 'round' : 'square');
const hollow = (style: LineStyle) => style.dot === 'ring' || style.dot === 'hollow-square';

/** A line (broken where a day has no value) and a dot at each value: zero-length pieces drawn with the line's cap. */
export function SeriesPaths({ line, dots, style, width = 2, dotSize = 9 }: { line: string; dots: string; style: LineStyle; width?: number; dotSize?: number }) {
  const cap = capOf(style);
  return (
    <>
      {line && <path d={line} fill="none" stroke={style.colour} strokeWidth={width} strokeDasharray={style.dash || undefined} strokeLinejoin="round" style={keepStroke} />}
      {dots && <path d={dots} fill="none" stroke={style.colour} strokeWidth={dotSize} strokeLinecap={cap} style={keepStroke} />}
      {dots && hollow(style) && <path d={dots} fill="none" stroke="#fff" strokeWidth={dotSize - 5} strokeLinecap={cap} style={keepStroke} />}
    </>
  );
}

/** The key's picture of a line: a short stretch of it with one dot. */
export function LineSample({ style, width = 2, dots = true }: { style: LineStyle; width?: number; dots?: boolean }) {
  return (
    <svg aria-hidden="true" width={32} height={14} viewBox="0 0 32 14" className="shrink-0 overflow-visible">
      <SeriesPaths line="M1 7H31" dots={dots ? 'M16 7h0' : ''} style={style} width={width} />
    </svg>
  );
}
