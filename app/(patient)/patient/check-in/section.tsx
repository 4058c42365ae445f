'use client';
// The check-in's frame pieces: a card named by its heading, and the big buttons (48 px) of the phone screens.
import { useId, type ReactNode } from 'react';

const bigButton =
  'inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-5 py-2 text-lg font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60';
export const bigPrimary = `${bigButton} bg-brand-700 text-white hover:bg-brand-800`;
export const bigSecondary = `${bigButton} border-2 border-slate-400 bg-white text-slate-900 hover:bg-slate-100`;

/** A card named by its heading; a little less padding on phones than the shared Card, for wider buttons. */
export function Section({ title, children, className = '' }: { title: ReactNode; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      <h2 id={id} className="mb-3 text-xl font-bold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}
