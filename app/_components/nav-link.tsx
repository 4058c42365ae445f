'use client';
// A navigation link that marks itself as the current page (aria-current), so screen readers and sighted users know
// where they are; at least 44 px high, a target for a finger with limited hand function.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * `exact`: only the page itself is current; `within`: further path prefixes that count as this page.
 * `prefetch={false}`: the page is fetched when the link is followed, not ahead (see AppShell).
 */
export function NavLink({ href, exact = false, within = [], prefetch, children, className = '' }: { href: string; exact?: boolean; within?: string[]; prefetch?: false; children: ReactNode; className?: string }) {
  const pathname = usePathname();
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  const current = pathname === href || (!exact && under(href)) || within.some(under);
  return (
    <Link
      href={href}
      prefetch={prefetch}
      aria-current={current ? 'page' : undefined}
      className={`inline-flex min-h-11 items-center rounded px-3 py-2 font-medium hover:bg-slate-100 ${current ? 'bg-brand-50 text-brand-800 underline decoration-2 underline-offset-4' : 'text-slate-800'} ${className}`}
    >
      {children}
    </Link>
  );
}
