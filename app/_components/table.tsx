// Table pieces: a scrolling frame, a caption read by screen readers, header cells with scope, body rows.
// Usable from server and client components. Columns that phones have no room for take `wide`.
import type { ComponentProps, ReactNode } from 'react';

/** The bordered, horizontally scrolling card around a table; `minWidth` keeps wide tables readable. */
export function Table({ caption, captionVisible = false, minWidth, framed = true, className = '', children }: {
  caption: ReactNode;
  /** Show the caption (otherwise it is read by screen readers only). */
  captionVisible?: boolean;
  /** e.g. "48rem": below it the frame scrolls sideways. */
  minWidth?: string;
  /** Draw the card around it (default). */
  framed?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const table = (
    <table className={`w-full text-left ${className}`} style={minWidth ? { minWidth } : undefined}>
      <caption className={captionVisible ? 'mb-2 text-left font-semibold text-slate-900' : 'sr-only'}>{caption}</caption>
      {children}
    </table>
  );
  return framed ? <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">{table}</div> : table;
}

export function THead({ children, tinted = true }: { children: ReactNode; tinted?: boolean }) {
  return (
    <thead className={`border-b border-slate-200 text-sm text-slate-700 ${tinted ? 'bg-slate-50' : ''}`}>
      <tr>{children}</tr>
    </thead>
  );
}

const hideOnPhone = 'hidden sm:table-cell';

/** A column header. */
export function Th({ wide, className = '', children, ...props }: { wide?: boolean } & ComponentProps<'th'>) {
  return <th scope="col" {...props} className={`px-4 py-3 font-semibold ${wide ? hideOnPhone : ''} ${className}`}>{children}</th>;
}

/** A row's header cell (the thing the row is about). */
export function RowTh({ className = '', children, ...props }: ComponentProps<'th'>) {
  return <th scope="row" {...props} className={`px-4 py-2 font-semibold ${className}`}>{children}</th>;
}

export function Td({ wide, className = '', children, ...props }: { wide?: boolean } & ComponentProps<'td'>) {
  return <td {...props} className={`px-4 py-2 ${wide ? hideOnPhone : ''} ${className}`}>{children}</td>;
}

export function Tr({ className = '', children, ...props }: ComponentProps<'tr'>) {
  return <tr {...props} className={`border-b border-slate-100 ${className}`}>{children}</tr>;
}
