'use client';
// A 0–max score as a row of big number buttons, with the anchors written out and read with the ends.
import { useId, type ReactNode } from 'react';
import { ErrorText, hasError } from './chrome';
import { choiceClass, clearLinkClass, type ClearChoice } from './radio-group';

export function ScoreScale({
  name, legend, max, low, high, anchors, value, onChange, clear, error,
}: {
  name: string;
  legend: ReactNode;
  max: number;
  /** Read with 0 ("none"). */
  low: string;
  /** Read with max ("worst possible"). */
  high: string;
  /** "0 = none, 10 = worst possible" */
  anchors: string;
  value: number | null;
  onChange: (value: number | null) => void;
  clear: ClearChoice;
  error?: string | string[];
}) {
  const id = useId();
  const values = Array.from({ length: max + 1 }, (_, n) => n);
  const described = [`${id}-anchors`, hasError(error) ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset aria-describedby={described} className="flex flex-col gap-2">
      <legend className="text-lg font-semibold text-slate-900">{legend}</legend>
      <div className="flex items-center justify-between gap-2">
        <p id={`${id}-anchors`} className="text-slate-700">{anchors}</p>
        {value !== null && (
          <button type="button" onClick={() => onChange(null)} aria-label={clear.label} className={clearLinkClass}>
            {clear.text}
          </button>
        )}
      </div>
      {/* Six across leaves each button at least 48 px wide on a 360 px phone. */}
      <div className="grid grid-cols-6 gap-1.5 sm:grid-cols-11 sm:gap-2">
        {values.map((n) => (
          <label key={n} className={`${choiceClass} justify-center tabular-nums`}>
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} className="sr-only" />
            {n}
            {n === 0 && <span className="sr-only">, {low}</span>}
            {n === max && <span className="sr-only">, {high}</span>}
          </label>
        ))}
      </div>
      <ErrorText id={`${id}-error`} error={error} size="lg" />
    </fieldset>
  );
}
