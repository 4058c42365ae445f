'use client';
// The Save / Cancel pair under an edit panel; Save says "Saving…" while the change is sent.
import { useTranslations } from 'next-intl';
import { Button } from '~/app/_components/ui';

export function SaveCancel({ pending, onCancel, cancelWhilePending = true }: {
  pending: boolean;
  onCancel: () => void;
  /** Whether Cancel stays usable while saving (default yes). */
  cancelWhilePending?: boolean;
}) {
  const tc = useTranslations('Common');
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" disabled={pending}>
        {pending ? tc('saving') : tc('save')}
      </Button>
      <Button variant="secondary" onClick={onCancel} disabled={!cancelWhilePending && pending}>
        {tc('cancel')}
      </Button>
    </div>
  );
}
