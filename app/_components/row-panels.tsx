'use client';
// A table whose rows open one panel at a time under them (a form or a confirm step for that row's action):
// which panel is open, the message a finished action leaves, and focus handed back to the button that
// opened the panel, so keyboard users keep their place.
import { useId, useState, type ReactNode } from 'react';
import { Tr } from './table';
import { Button } from './ui';

export function useRowPanels<K extends string>() {
  const idPrefix = useId();
  const [open, setOpen] = useState<{ kind: K; id: string } | null>(null);
  const [done, setDone] = useState('');
  const triggerId = (kind: K, id: string) => `${idPrefix}-${kind}-${id}`;
  const focusTrigger = (kind: K, id: string) => document.getElementById(triggerId(kind, id))?.focus();
  return {
    done,
    triggerId,
    /** Says what was done by something outside the rows (a form under the table). */
    say: setDone,
    /** The kind of panel open under this row, if any. */
    expanded: (id: string): K | null => (open?.id === id ? open.kind : null),
    /** Opens this panel; a new action starts fresh, as an older message next to a new form would mislead. */
    show(kind: K, id: string) {
      setDone('');
      setOpen({ kind, id });
    },
    /** Opens this panel, or closes it when it is the one open. */
    toggle(kind: K, id: string) {
      setDone('');
      setOpen(open?.id === id && open.kind === kind ? null : { kind, id });
    },
    /** Closes any panel and clears the message, leaving focus where it is (the row's own button acts). */
    clear() {
      setDone('');
      setOpen(null);
    },
    /** Closes the panel and returns focus to its button. */
    close() {
      setOpen(null);
      if (open) focusTrigger(open.kind, open.id);
    },
    /** Closes the panel after its action, says what was done, and returns focus to its button (or to another
     *  element, such as the message when the row is going away; or leaves it, when the row's own button acted). */
    finish(message: string, focus: 'trigger' | 'none' | HTMLElement | null = 'trigger') {
      setOpen(null);
      setDone(message);
      if (focus === 'trigger') {
        if (open) focusTrigger(open.kind, open.id);
      } else if (focus !== 'none') focus?.focus();
    },
  };
}

/** A button in a row's actions cell: its name carries the row's name for screen readers. */
export function RowAction({ id, rowName, expanded, busy, onClick, children }: {
  id: string;
  rowName: string;
  expanded?: boolean;
  /** Saving: the button stays focusable but does nothing. */
  busy?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button id={id} variant="secondary" aria-expanded={expanded} aria-disabled={busy || undefined} onClick={() => { if (!busy) onClick(); }}>
      {children}
      <span className="sr-only"> {rowName}</span>
    </Button>
  );
}

/** The row under a table row that holds its open panel. */
export function PanelRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <Tr className="bg-slate-50">
      <td colSpan={columns} className="p-4!">{children}</td>
    </Tr>
  );
}
