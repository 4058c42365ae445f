'use client';
// The patient's answer to a proposed plan: agree to it, or ask for a change in their own words.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { TextAreaField } from '~/app/_components/fields/text';
import { useSend } from '~/app/_components/form/use-send';
import { PlanError } from '~/app/_components/plan/plan-error';
import { Button, Card, Notice } from '~/app/_components/ui';

export function AgreePanel({ patientId, planId, version }: { patientId: string; planId: string; version: number }) {
  const t = useTranslations('Plan');
  const tc = useTranslations('Common');
  const [body, setBody] = useState('');
  // Which of the two was sent last, and how many sends so far: the panel shows the last one's error, and
  // a new send starts the plan error afresh (a conflict's "reloaded" note belongs to the send before).
  const [last, setLast] = useState<{ which: 'agree' | 'request'; count: number }>({ which: 'agree', count: 0 });
  const agree = useSend((api, vars: { patientId: string; planId: string; expectedVersion: number; reason: string }) => api.plans.agree.mutate(vars));
  const request = useSend((api, vars: { patientId: string; planId: string; version: number; body: string }) => api.plans.requestChange.mutate(vars), { onSuccess: () => setBody('') });
  const error = (last.which === 'agree' ? agree : request).error;

  function sendAgree() {
    setLast((l) => ({ which: 'agree', count: l.count + 1 }));
    agree.submit({ patientId, planId, expectedVersion: version, reason: '' });
  }
  function ask(event: FormEvent) {
    event.preventDefault();
    setLast((l) => ({ which: 'request', count: l.count + 1 }));
    request.submit({ patientId, planId, version, body });
  }

  return (
    <Card title={t('agree')}>
      <div className="flex flex-col gap-4">
        <p className="text-slate-700">{t('agreeHint')}</p>
        <div>
          <Button onClick={sendAgree} disabled={agree.isPending} className="w-full sm:w-auto">
            {agree.isPending ? tc('saving') : t('agree')}
          </Button>
        </div>
        <form onSubmit={ask} className="flex flex-col gap-3 border-t border-slate-200 pt-4">
          <TextAreaField label={t('requestChangeLabel')} hint={t('requestChangeHint')} value={body} onChange={(e) => setBody(e.target.value)} error={request.fieldErrors.body} maxLength={2000} required />
          <div>
            <Button type="submit" variant="secondary" disabled={request.isPending} className="w-full sm:w-auto">{request.isPending ? tc('saving') : t('requestChangeSend')}</Button>
          </div>
        </form>
        <div role="alert"><PlanError key={last.count} error={error} /></div>
        <div role="status">{request.saved && <Notice tone="success">{t('requestSent')}</Notice>}</div>
      </div>
    </Card>
  );
}
