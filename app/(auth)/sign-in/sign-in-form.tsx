'use client';
// The sign-in form: password sign-in through Auth.js, plus an optional single sign-on button.
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TextField } from '~/app/_components/fields';
import { chosenLocale, saveAccountLocale } from '~/app/_components/locale-links';
import { Button, Notice } from '~/app/_components/ui';


type Failure = 'invalid' | 'throttled' | 'busy' | 'unusableEmail' | 'unavailable' | 'invalidCode';

// The codes the server's sign-in gives (server/auth/index.ts) that have a message of their own.
const failureOfCode = new Map<string | undefined, Failure>([
  ['throttled', 'throttled'],
  ['busy', 'busy'],
  ['unusable-email', 'unusableEmail'],
  ['invalid-code', 'invalidCode'],
]);

export function SignInForm({ oidcName }: { oidcName: string | null }) {
  const t = useTranslations('Auth');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [ssoPending, setSsoPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  // The second step: the password was right and the account asks for a code. The email and password stay
  // in this component's memory only, and are sent again with the code (no half-signed-in session exists).
  const [firstStep, setFirstStep] = useState<{ email: string; password: string } | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (firstStep) codeRef.current?.focus();
  }, [firstStep]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = firstStep?.email ?? String(data.get('email') ?? '');
    const password = firstStep?.password ?? String(data.get('password') ?? '');
    const code = firstStep ? String(data.get('code') ?? '') : undefined;
    setPending(true);
    setFailure(null);
    try {
      const result = await signIn('credentials', { email, password, ...(code !== undefined ? { code } : {}), redirect: false });
      if (result?.code === 'code-needed') {
        setFirstStep({ email, password });
        setPending(false);
        return;
      }
      // signIn can resolve to nothing when the provider list fails to load, despite its type.
      if (!result || result.error) {
        // One message for every wrong-credential case, so the page does not reveal which accounts exist.
        setFailure(result ? (failureOfCode.get(result.code) ?? 'invalid') : 'unavailable');
        setPending(false);
        return;
      }
      // A language chosen on this device before signing in becomes the account's (best effort: the
      // account page can change it too).
      const locale = chosenLocale();
      if (locale) await saveAccountLocale(locale);
      // The root page sends each role to its own home; stay pending until it has.
      router.replace('/');
      router.refresh();
    } catch {
      setFailure('unavailable');
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {/* POST, so that without JavaScript a password never ends up in a URL or a server log. */}
      <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        {firstStep ? (
          <>
            <div>
              <h2 className="text-lg font-semibold text-slate-900">{t('codeTitle')}</h2>
              <p className="mt-1 text-slate-700">{t('codeIntro')}</p>
            </div>
            <TextField
              ref={codeRef}
              label={t('code')}
              hint={t('codeHint')}
              name="code"
              autoComplete="one-time-code"
              inputMode="text"
              autoCapitalize="off"
              spellCheck={false}
              maxLength={32}
              required
            />
          </>
        ) : (
          <>
            <TextField label={t('email')} name="email" type="email" autoComplete="email" required />
            <TextField label={t('password')} name="password" type="password" autoComplete="current-password" required />
          </>
        )}
        {/* The live region stays mounted (and takes no space when empty) so screen readers announce each failure. */}
        <div>
          <div role="alert">{failure && <div className="mb-4"><Notice tone="error">{t(failure)}</Notice></div>}</div>
          <Button type="submit" disabled={pending || ssoPending} className="w-full">
            {pending ? t('submitting') : firstStep ? t('codeSubmit') : t('submit')}
          </Button>
          {firstStep && (
            <Button
              variant="secondary"
              className="mt-3 w-full"
              disabled={pending}
              onClick={() => {
                setFirstStep(null);
                setFailure(null);
              }}
            >
              {t('startOver')}
            </Button>
          )}
        </div>
      </form>
      {oidcName && !firstStep && (
        <>
          <p className="text-center text-slate-700" aria-hidden="true">{t('or')}</p>
          <Button
            variant="secondary"
            className="w-full"
            disabled={pending || ssoPending}
            onClick={async () => {
              setSsoPending(true);
              setFailure(null);
              try {
                await signIn('oidc', { redirectTo: '/' });
              } catch {
                setFailure('unavailable');
                setSsoPending(false);
              }
            }}
          >
            {ssoPending ? t('ssoRedirecting', { name: oidcName }) : t('signInWith', { name: oidcName })}
          </Button>
        </>
      )}
    </div>
  );
}
