'use client';
// A confirm step for a destructive action: the question takes focus, then confirm or cancel.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Notice } from './ui';

export function ConfirmStep({ question, consequence, confirmLabel, pendingLabel, pending, error, onConfirm, onCancel }: {
  question: ReactNode;
  consequence: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const tc = useTranslations('Common');
  const questionRef = useRef<HTMLParagraphElement>(null);

  // Keyboard and screen-reader users land on the question they must answer.
  useEffect(() => {
    questionRef.current?.focus();
  }, []);

  return (
    <div className="flex flex-col gap-3">
      <p ref={questionRef} tabIndex={-1} className="font-semibold text-slate-900">
        {question}
      </p>
      <p className="text-slate-700">{consequence}</p>
      {error && (
        <Notice tone="error" role="alert">
          {error}
        </Notice>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" disabled={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc('cancel')}
        </Button>
      </div>
    </div>
  );
}
