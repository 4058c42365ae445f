'use client';
// Two-step sign-in on one's own account: setting up an authenticator app (password first, then a QR code
// and a code from the app), the recovery codes shown once, new codes, and turning it off where allowed.
import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TextField } from '~/app/_components/fields';
import { Button, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

export interface TwoStepState {
  enrolledAt: Date | null;
  recoveryCodesLeft: number;
  required: boolean;
}

type Action = 'set-up' | 'renew' | 'turn-off';
type Stage =
  | { kind: 'idle' }
  | { kind: 'reauth'; action: Action }
  | { kind: 'scan'; secret: string; qrSvg: string }
  | { kind: 'codes'; codes: string[]; renewed: boolean };

/**
 * `afterEnrol`: where a session that had to set up two-step sign-in goes once it has (the two-step page);
 * on the account page it stays and shows the new state.
 */
export function TwoStepSettings({ state, afterEnrol }: { state: TwoStepState; afterEnrol?: string }) {
  const t = useTranslations('TwoStep');
  const network = useNetworkWords();
  const tc = useTranslations('Common');
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const begin = useMutation(trpc.account.twoStep.begin.mutationOptions());
  const confirm = useMutation(trpc.account.twoStep.confirm.mutationOptions());
  const renew = useMutation(trpc.account.twoStep.renewRecoveryCodes.mutationOptions());
  const remove = useMutation(trpc.account.twoStep.remove.mutationOptions());
  const [stage, setStage] = useState<Stage>(afterEnrol ? { kind: 'reauth', action: 'set-up' } : { kind: 'idle' });
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState<'on' | 'off' | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  const enrolled = state.enrolledAt !== null;

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    headingRef.current?.focus();
  }, [stage]);

  function go(next: Stage) {
    moveFocus.current = true;
    setError(null);
    setStage(next);
  }

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (caught) {
      setError(formErrorFrom(caught, tc('errorGeneric'), network));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function onReauth(event: FormEvent<HTMLFormElement>, action: Action) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    const code = enrolled ? String(data.get('code') ?? '') : undefined;
    const input = { password, ...(code ? { code } : {}) };
    if (action === 'set-up') {
      const begun = await run(() => begin.mutateAsync(input));
      if (begun) go({ kind: 'scan', secret: begun.secret, qrSvg: begun.qrSvg });
    } else if (action === 'renew') {
      const renewed = await run(() => renew.mutateAsync(input));
      if (renewed) go({ kind: 'codes', codes: renewed.recoveryCodes, renewed: true });
    } else {
      const removed = await run(() => remove.mutateAsync(input));
      if (removed) {
        setDone('off');
        go({ kind: 'idle' });
        router.refresh();
      }
    }
  }

  async function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    const confirmed = await run(() => confirm.mutateAsync({ code }));
    if (confirmed) go({ kind: 'codes', codes: confirmed.recoveryCodes, renewed: false });
  }

  function finish() {
    setDone(stage.kind === 'codes' && !stage.renewed ? 'on' : null);
    go({ kind: 'idle' });
    if (afterEnrol) {
      router.replace(afterEnrol);
      return;
    }
    router.refresh();
  }

  const errorBox = <div role="alert">{error && <div className="mb-4"><Notice tone="error">{error.message}</Notice></div>}</div>;
  // A step's send button, and Cancel back to the summary (not where setting it up is required first).
  const submitRow = (label: string, variant: 'primary' | 'danger' = 'primary') => (
    <div className="flex flex-col gap-3 sm:flex-row">
      <Button type="submit" disabled={busy} variant={variant}>{busy ? t('working') : label}</Button>
      {!afterEnrol && (
        <Button variant="secondary" disabled={busy} onClick={() => go({ kind: 'idle' })}>
          {t('cancel')}
        </Button>
      )}
    </div>
  );
  const heading = (text: string) => (
    <h3 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
      {text}
    </h3>
  );

  if (stage.kind === 'reauth') {
    return (
      <form method="post" onSubmit={(e) => onReauth(e, stage.action)} className="flex flex-col gap-4">
        {heading(t('reauthTitle'))}
        <p className="text-slate-700">{enrolled ? t('reauthIntroWithCode') : t('reauthIntro')}</p>
        <TextField label={t('password')} name="password" type="password" autoComplete="current-password" required error={error?.fieldErrors.password} />
        {enrolled && (
          <TextField label={t('code')} hint={t('codeHint')} name="code" autoComplete="one-time-code" autoCapitalize="off" spellCheck={false} maxLength={32} required error={error?.fieldErrors.code} />
        )}
        {errorBox}
        {submitRow(stage.action === 'turn-off' ? t('turnOff') : t('continue'), stage.action === 'turn-off' ? 'danger' : 'primary')}
      </form>
    );
  }

  if (stage.kind === 'scan') {
    return (
      <form method="post" onSubmit={onConfirm} className="flex flex-col gap-4">
        {heading(t('scanTitle'))}
        {/* An image, not inline markup: the SVG comes from the server's QR encoder and is shown, never run. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={`data:image/svg+xml;base64,${btoa(stage.qrSvg)}`} alt={t('qrAlt')} width={200} height={200} className="h-[200px] w-[200px] border border-slate-200 bg-white" />
        <div>
          <p className="text-slate-700">{t('cantScan')}</p>
          <p className="mt-1">
            <span className="sr-only">{t('secretLabel')}: </span>
            <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900">
              {stage.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
        </div>
        <TextField
          label={t('confirmLabel')}
          hint={t('confirmHint')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={9}
          required
          error={error?.fieldErrors.code}
        />
        {errorBox}
        {submitRow(t('confirm'))}
      </form>
    );
  }

  if (stage.kind === 'codes') {
    return (
      <div className="flex flex-col gap-4">
        {heading(t('codesTitle'))}
        <div role="status">
          <Notice tone="success">{stage.renewed ? t('codesRenewed') : t('turnedOn')}</Notice>
        </div>
        <p className="text-slate-700">{t('codesIntro')}</p>
        <ul aria-label={t('codesListLabel')} data-testid="recovery-codes" className="grid grid-cols-2 gap-2 font-mono text-slate-900 sm:max-w-sm">
          {stage.codes.map((code) => (
            <li key={code} className="rounded bg-slate-100 px-2 py-1">{code}</li>
          ))}
        </ul>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Button
            variant="secondary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(stage.codes.join('\n'));
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            {t('copyCodes')}
          </Button>
          <Button onClick={finish}>{t('codesSaved')}</Button>
        </div>
        <p role="status" className="text-sm text-slate-700">{copied ? t('copied') : ''}</p>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-slate-700">{t('intro')}</p>
      {state.required && <p className="text-slate-700">{t('requiredNote')}</p>}
      <p className="font-medium text-slate-900">
        {enrolled && state.enrolledAt ? t('statusOn', { date: format.dateTime(state.enrolledAt, { dateStyle: 'medium' }) }) : t('statusOff')}
      </p>
      {enrolled && <p className="text-slate-700">{t('codesLeft', { count: state.recoveryCodesLeft })}</p>}
      <div role="status">
        {done === 'off' && <Notice tone="success">{t('turnedOff')}</Notice>}
        {done === 'on' && <Notice tone="success">{t('turnedOn')}</Notice>}
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        <Button onClick={() => go({ kind: 'reauth', action: 'set-up' })}>{enrolled ? t('replace') : t('setUp')}</Button>
        {enrolled && (
          <Button variant="secondary" onClick={() => go({ kind: 'reauth', action: 'renew' })}>
            {t('renewCodes')}
          </Button>
        )}
        {enrolled && !state.required && (
          <Button variant="danger" onClick={() => go({ kind: 'reauth', action: 'turn-off' })}>
            {t('turnOff')}
          </Button>
        )}
      </div>
    </div>
  );
}
