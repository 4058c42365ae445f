'use client';
// Dissent on one agenda item: the team's recorded disagreements, and (until the meeting is finalised) adding one.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Badge, Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { VisibleItem } from './item';

export function Dissents({ meetingId, item, finalised, when }: { meetingId: string; item: VisibleItem; finalised: boolean; when: (d: Date) => string }) {
  const t = useTranslations('Mdt');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (open) bodyRef.current?.focus();
  }, [open]);
  const add = useFormMutation(trpc.mdt.addDissent.mutationOptions(), {
    onSuccess: () => {
      setOpen(false);
      setBody('');
    },
  });
  const { error } = add;

  return (
    <div className="mt-4 border-t border-slate-200 pt-3">
      <h4 className="font-semibold text-slate-900">{t('dissentTitle')} <Badge>{t('teamOnly')}</Badge></h4>
      {item.dissents.length === 0 ? (
        <p className="text-slate-700">{t('dissentNone')}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-2">
          {item.dissents.map((d) => (
            <li key={d.id} className="rounded-lg border-l-4 border-amber-600 bg-amber-50 px-3 py-2">
              <p className="text-sm font-medium text-amber-950">{t('dissentBy', { name: d.name, when: when(d.createdAt) })}</p>
              <p className="whitespace-pre-line">{d.body}</p>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="font-medium text-emerald-900">{add.saved ? t('dissentSaved') : ''}</p>
      {!finalised && (open ? (
        <form
          noValidate
          className="mt-2 flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            add.submit({ meetingId, itemId: item.id, body });
          }}
        >
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 font-semibold text-slate-900">{t('dissentLegend')}</legend>
            <TextAreaField ref={bodyRef} label={t('dissentBody')} hint={t('dissentHint')} name="dissent" required maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} error={error?.fieldErrors.body} />
            <div role="alert">{error && !error.fieldErrors.body && <Notice tone="error">{error.message}</Notice>}</div>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={add.isPending}>{add.isPending ? t('dissentSubmitting') : t('dissentSubmit')}</Button>
              <Button variant="secondary" onClick={() => { setOpen(false); add.reset(); }}>{tc('cancel')}</Button>
            </div>
          </fieldset>
        </form>
      ) : (
        <div className="mt-2">
          <Button variant="secondary" onClick={() => { add.reset(); setOpen(true); }} aria-label={`${t('dissentAdd')}: ${item.name}`}>{t('dissentAdd')}</Button>
        </div>
      ))}
    </div>
  );
}
