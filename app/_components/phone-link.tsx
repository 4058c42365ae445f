// A phone number to tap: a tel: link built by lib/contacts (digits and a leading + only), the number as its text.
import type { ReactNode } from 'react';
import type { DialableNumber } from '~/lib/contacts/phone';

/** The look of a number in running text; a caller may pass its own (a big button) instead. */
export const phoneLinkClass = 'font-semibold text-brand-800 underline underline-offset-2 hover:text-brand-900';

export function PhoneLink({ number, children, className = phoneLinkClass }: { number: DialableNumber; children?: ReactNode; className?: string }) {
  return (
    <a href={number.href} className={className}>
      {children ?? <span className="whitespace-nowrap">{number.display}</span>}
    </a>
  );
}
