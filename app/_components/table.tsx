// Table pieces: a caption read by screen readers, header cells with scope, body rows. Two looks, set once on
// the table (the cells take their padding from it, so the pieces work in server and client components alike):
// "card", a bordered card with a tinted header (lists that are the page's subject), and "plain", rows inside a
// card that is already there. Columns that phones have no room for take `wide`.
import type { ComponentProps, ReactNode } from 'react';

const looks = {
  card: '[&_thead]:bg-slate-50 [&_thead_th]:px-4 [&_thead_th]:py-3 [&_tbody_th]:px-4 [&_tbody_th]:py-2 [&_tbody_td]:px-4 [&_tbody_td]:py-2',
  plain: '[&_th]:py-2 [&_th]:pr-4 [&_td]:py-2 [&_td]:pr-4',
} as const;

export function Table({ caption, look = 'card', minWidth, wrapperClassName = '', className = '', children }: {
  caption: ReactNode;
  look?: keyof typeof looks;
  /** e.g. "48rem": below it the table scrolls sideways. */
  minWidth?: string;
  /** Classes for the wrapper (e.g. "hidden lg:block" when cards stand in for the table on phones). */
  wrapperClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  const frame = look === 'card' ? 'rounded-xl border border-slate-200 bg-white shadow-sm' : '';
  return (
    <div className={`overflow-x-auto ${frame} ${wrapperClassName}`}>
      <table className={`w-full text-left ${looks[look]} ${className}`} style={minWidth ? { minWidth } : undefined}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 text-sm text-slate-700">
      <tr>{children}</tr>
    </thead>
  );
}

const hideOnPhone = 'hidden sm:table-cell';

/** A column header. */
export function Th({ wide, className = '', children, ...props }: { wide?: boolean } & ComponentProps<'th'>) {
  return <th scope="col" {...props} className={`font-semibold ${wide ? hideOnPhone : ''} ${className}`}>{children}</th>;
}

/** A row's header cell (the thing the row is about). */
export function RowTh({ className = 'font-semibold', children, ...props }: ComponentProps<'th'>) {
  return <th scope="row" {...props} className={className}>{children}</th>;
}

export function Td({ wide, className = '', children, ...props }: { wide?: boolean } & ComponentProps<'td'>) {
  return <td {...props} className={`${wide ? hideOnPhone : ''} ${className}`}>{children}</td>;
}

export function Tr({ className = '', children, ...props }: ComponentProps<'tr'>) {
  return <tr {...props} className={`border-b border-slate-100 last:border-0 ${className}`}>{children}</tr>;
}
