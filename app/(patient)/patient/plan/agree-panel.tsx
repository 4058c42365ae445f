'use client';
// The patient's answer to a proposed plan: agree to it, or ask for a change in their own words.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { PlanError } from '~/app/_components/plan/plan-error';
import { Button, Card, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';

export function AgreePanel({ patientId, planId, version }: { patientId: string; planId: string; version: number }) {
  const t = useTranslations('Plan');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<FormError | null>(null);
  const [errorCount, setErrorCount] = useState(0);
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const fail = (e: unknown) => {
    setError(formErrorFrom(e, tc('errorGeneric')));
    setErrorCount((n) => n + 1);
  };
  const agree = useMutation(trpc.plans.agree.mutationOptions({ onSuccess: () => router.refresh(), onError: fail }));
  const request = useMutation(trpc.plans.requestChange.mutationOptions({
    onSuccess: () => {
      setBody('');
      setSent(true);
      setError(null);
      router.refresh();
    },
    onError: fail,
  }));

  function ask(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    request.mutate({ patientId, planId, version, body });
  }

  return (
    <Card title={t('agree')}>
      <div className="flex flex-col gap-4">
        <p className="text-slate-700">{t('agreeHint')}</p>
        <div>
          <Button onClick={() => agree.mutate({ patientId, planId, expectedVersion: version, reason: '' })} disabled={agree.isPending} className="w-full sm:w-auto">
            {agree.isPending ? tc('saving') : t('agree')}
          </Button>
        </div>
        <form onSubmit={ask} className="flex flex-col gap-3 border-t border-slate-200 pt-4">
          <TextAreaField label={t('requestChangeLabel')} hint={t('requestChangeHint')} value={body} onChange={(e) => setBody(e.target.value)} error={error?.fieldErrors.body} maxLength={2000} required />
          <div>
            <Button type="submit" variant="secondary" disabled={request.isPending} className="w-full sm:w-auto">{request.isPending ? tc('saving') : t('requestChangeSend')}</Button>
          </div>
        </form>
        <div role="alert"><PlanError key={errorCount} error={error} /></div>
        <div role="status">{sent && <Notice tone="success">{t('requestSent')}</Notice>}</div>
      </div>
    </Card>
  );
}
