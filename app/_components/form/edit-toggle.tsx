'use client';
// A record section's "Edit" button that opens its form in place: after saving, a status line says so; on
// closing, focus goes back to the button (the form's own buttons are gone with it).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '~/app/_components/ui';

export function EditToggle({ editLabel, savedMessage, children }: {
  editLabel: string;
  savedMessage: string;
  /** The form, given the function that closes it (saved: whether it saved). */
  children: (close: (saved: boolean) => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  // Counts closings: after each, once the button is back, it takes the focus.
  const [closings, setClosings] = useState(0);
  useEffect(() => {
    if (closings > 0) openButton.current?.focus();
  }, [closings]);

  function close(wasSaved: boolean) {
    setEditing(false);
    setSaved(wasSaved);
    setClosings((n) => n + 1);
  }

  return (
    <div className="mt-4 flex flex-col gap-3">
      <p role="status" className="font-medium text-emerald-900">{saved ? savedMessage : ''}</p>
      {editing ? (
        children(close)
      ) : (
        <div>
          <Button
            ref={openButton}
            variant="secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {editLabel}
          </Button>
        </div>
      )}
    </div>
  );
}
