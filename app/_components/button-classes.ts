// The look of buttons, apart from the components in ui.tsx: the root error page (loaded on every page)
// uses these classes without pulling in ui.tsx and, through it, next/link.
const buttonBase =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-4 py-2 text-base font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60';

const buttonVariants = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800',
  secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  ghost: 'text-brand-700 underline-offset-2 hover:underline',
} as const;

export type ButtonVariant = keyof typeof buttonVariants;

export function buttonClass(variant: ButtonVariant = 'primary', className = ''): string {
  return `${buttonBase} ${buttonVariants[variant]} ${className}`;
}
