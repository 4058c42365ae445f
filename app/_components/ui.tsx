// Small accessible building blocks shared by every page: buttons, fields, notices, cards.
import Link from 'next/link';
import { useId, type ComponentProps, type ReactNode } from 'react';
import { buttonClass, type ButtonVariant } from './button-classes';

export function Button({ variant = 'primary', className = '', ...props }: ComponentProps<'button'> & { variant?: ButtonVariant }) {
  return <button type="button" {...props} className={buttonClass(variant, className)} />;
}

export function ButtonLink({ variant = 'primary', className = '', ...props }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link {...props} className={buttonClass(variant, className)} />;
}

export function Card({ title, children, className = '', headingLevel = 2, actions }: { title?: ReactNode; children: ReactNode; className?: string; headingLevel?: 2 | 3; actions?: ReactNode }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // Named by its heading, so screen-reader users can jump between cards as regions.
  const headingId = useId();
  return (
    <section aria-labelledby={title ? headingId : undefined} className={`rounded-xl border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {(title || actions) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <Heading id={headingId} className="text-lg font-semibold text-slate-900">{title}</Heading>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Notice({ tone = 'info', title, children, role }: { tone?: 'info' | 'success' | 'warning' | 'error'; title?: ReactNode; children?: ReactNode; role?: 'alert' | 'status' }) {
  const tones = {
    info: 'border-sky-300 bg-sky-50 text-sky-950',
    success: 'border-emerald-300 bg-emerald-50 text-emerald-950',
    warning: 'border-amber-400 bg-amber-50 text-amber-950',
    error: 'border-red-400 bg-red-50 text-red-950',
  } as const;
  return (
    <div role={role} className={`rounded-lg border-l-4 px-4 py-3 ${tones[tone]}`}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? 'mt-1' : ''}>{children}</div>}
    </div>
  );
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mt-2 text-slate-700">{children}</div>}
    </div>
  );
}

export function PageTitle({ children, subtitle }: { children: ReactNode; subtitle?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{children}</h1>
      {subtitle && <p className="mt-1 text-slate-700">{subtitle}</p>}
    </div>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'brand' | 'warning' | 'danger' }) {
  const tones = {
    neutral: 'bg-slate-100 text-slate-800',
    brand: 'bg-brand-100 text-brand-800',
    warning: 'bg-amber-100 text-amber-900',
    danger: 'bg-red-100 text-red-900',
  } as const;
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${tones[tone]}`}>{children}</span>;
}
