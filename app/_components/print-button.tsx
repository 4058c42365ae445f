'use client';
// Opens the browser's print dialog for a printable page.
import { Button } from './ui';

export function PrintButton({ label }: { label: string }) {
  return <Button onClick={() => window.print()} className="no-print">{label}</Button>;
}
