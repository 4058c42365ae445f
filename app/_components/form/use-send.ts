'use client';
// useFormMutation's shell (FormMutation: pending, error, per-field messages, saved, refresh) over the plain
// tRPC client fetched on demand (app/_trpc/lazy.ts), for the patient's pages: React Query and the client
// would be most of what they download, for a form most visits never send.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { loadApi, preloadApi, type VanillaApi } from '~/app/_trpc/lazy';
import { useNetworkWords } from './network-words';
import { withConflictNote, type FormMutation, type FormMutationOptions } from './use-form-mutation';

export function useSend<TVars, TData>(
  call: (api: VanillaApi, vars: TVars) => Promise<TData>,
  { onSuccess, refresh = true, conflict }: FormMutationOptions<TData, TVars> = {},
): FormMutation<TData, TVars> {
  const tc = useTranslations('Common');
  const router = useRouter();
  const network = useNetworkWords();
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);
  const [isPending, setPending] = useState(false);
  const [data, setData] = useState<TData | undefined>(undefined);
  const [variables, setVariables] = useState<TVars | undefined>(undefined);
  // Answers to a send that was reset, or of a page left, change nothing.
  const generation = useRef(0);
  useEffect(() => {
    const stop = preloadApi();
    return () => {
      stop();
      generation.current += 1;
    };
  }, []);

  function submit(vars: TVars) {
    const mine = ++generation.current;
    setSaved(false);
    setError(null);
    setPending(true);
    setVariables(vars);
    loadApi()
      .then((api) => call(api, vars))
      .then(
        (result) => {
          if (mine !== generation.current) return;
          setPending(false);
          setData(result);
          setSaved(true);
          onSuccess?.(result, vars);
          if (refresh) router.refresh();
        },
        (e: unknown) => {
          if (mine !== generation.current) return;
          setPending(false);
          const formError = formErrorFrom(e, tc('errorGeneric'), network);
          const shown = withConflictNote(formError, conflict);
          setError(shown);
          if (shown !== formError) router.refresh();
        },
      );
  }

  return {
    submit,
    isPending,
    error,
    fieldErrors: error?.fieldErrors ?? {},
    saved,
    fail: (formError) => {
      setSaved(false);
      setError(formError);
    },
    data,
    variables,
    reset: () => {
      generation.current += 1;
      setPending(false);
      setSaved(false);
      setError(null);
      setData(undefined);
      setVariables(undefined);
    },
  };
}
