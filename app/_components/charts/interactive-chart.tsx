'use client';
// The clinician's "Interactive chart" button under a server-drawn chart: the chart shows first as plain svg, and the
// inspector (pointer and keyboard read-out of each step or day) loads only when asked for.
import dynamic from 'next/dynamic';
import { useRef, useState, type ReactNode } from 'react';
import { buttonClass } from '~/app/_components/button-classes';
import type { InspectData } from './inspect-data';

const Inspector = dynamic(() => import('./inspector').then((m) => m.Inspector), { ssr: false });

export function InteractiveChart({ data, children }: { data: InspectData; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  return (
    <div className="flex flex-col gap-2">
      <div ref={frame} className="relative">
        {children}
        {open && <Inspector data={data} frame={frame} />}
      </div>
      <div className="no-print flex flex-wrap items-center gap-3">
        <button type="button" aria-pressed={open} onClick={() => setOpen((now) => !now)} className={buttonClass('secondary', 'text-sm')}>
          {data.labels.open}
        </button>
        {open && <p className="text-sm text-slate-700">{data.labels.hint}</p>}
      </div>
    </div>
  );
}
