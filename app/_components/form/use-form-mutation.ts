'use client';
// The send / error / field-error shell every form shares: one mutation, its error read into a FormError
// (message + per-field messages from the server's zod schema), a "saved" flag, and a page refresh on success.
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useNetworkWords } from './network-words';

export interface FormMutationOptions<TData, TVars> {
  /** Runs after a successful send, before the page is refreshed. */
  onSuccess?: (data: TData, vars: TVars) => void;
  /** Refresh the server-rendered page after success (default true). */
  refresh?: boolean;
  /** For saves that name the version they started from: on CONFLICT (someone saved first) this is added to
   *  the message and the page is refreshed to bring their version. */
  conflict?: string;
}

export interface FormMutation<TData, TVars> {
  /** Sends; clears the last "saved" and error first. */
  submit: (vars: TVars) => void;
  isPending: boolean;
  error: FormError | null;
  /** Per-field messages of the last error ({} when none). */
  fieldErrors: Record<string, string[]>;
  saved: boolean;
  /** Shows an error the form found itself, before sending (a missing answer). */
  fail: (error: FormError) => void;
  data: TData | undefined;
  /** What the last send sent (which row is saving, in a table of rows). */
  variables: TVars | undefined;
  reset: () => void;
}

/** A CONFLICT with the form's own line about it added (the page is then refreshed); any other error as it is. */
export function withConflictNote(error: FormError, conflict: string | undefined): FormError {
  return conflict !== undefined && error.code === 'CONFLICT' ? { ...error, message: `${error.message} ${conflict}` } : error;
}

export function useFormMutation<TData, TError, TVars, TContext>(
  mutationOptions: UseMutationOptions<TData, TError, TVars, TContext>,
  { onSuccess, refresh = true, conflict }: FormMutationOptions<TData, TVars> = {},
): FormMutation<TData, TVars> {
  const tc = useTranslations('Common');
  const network = useNetworkWords();
  const router = useRouter();
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    ...mutationOptions,
    onSuccess: (data, vars) => {
      setError(null);
      setSaved(true);
      onSuccess?.(data, vars);
      if (refresh) router.refresh();
    },
    onError: (e) => {
      setSaved(false);
      const formError = formErrorFrom(e, tc('errorGeneric'), network);
      const shown = withConflictNote(formError, conflict);
      setError(shown);
      if (shown !== formError) router.refresh();
    },
  });
  return {
    submit: (vars) => {
      setSaved(false);
      setError(null);
      mutation.mutate(vars);
    },
    isPending: mutation.isPending,
    error,
    fieldErrors: error?.fieldErrors ?? {},
    saved,
    fail: (formError) => {
      setSaved(false);
      setError(formError);
    },
    data: mutation.data,
    variables: mutation.variables,
    reset: () => {
      setSaved(false);
      setError(null);
      mutation.reset();
    },
  };
}
