'use client';
// The two live regions under a form: the error that no field shows (role="alert") and the saved notice
// (role="status"). Both regions are always rendered so screen readers announce what appears in them.
import type { ReactNode } from 'react';
import { Notice } from '~/app/_components/ui';
import type { FormMutation } from './use-form-mutation';

export function FormFeedback<TData, TVars>({ mutation, fields = [], saved }: {
  mutation: Pick<FormMutation<TData, TVars>, 'error' | 'fieldErrors' | 'saved'>;
  /** Fields that show their own error: an error on one of them is not repeated here. */
  fields?: readonly string[];
  /** The saved notice; none when omitted. */
  saved?: ReactNode;
}) {
  const { error, fieldErrors } = mutation;
  const shownOnField = fields.some((k) => fieldErrors[k]?.length);
  return (
    <>
      <div role="alert">{error && !shownOnField && <Notice tone="error">{error.message}</Notice>}</div>
      <div role="status">{mutation.saved && saved && <Notice tone="success">{saved}</Notice>}</div>
    </>
  );
}
