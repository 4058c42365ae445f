// Reads the error shape our tRPC setup sends (message, per-field errors, code) for forms.
import { TRPCClientError } from '@trpc/client';

export interface FormError {
  message: string;
  fieldErrors: Record<string, string[]>;
  code?: string;
}

export function formErrorFrom(error: unknown, fallback: string): FormError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { fieldErrors?: Record<string, string[]>; code?: string };
    return { message: error.message || fallback, fieldErrors: data.fieldErrors ?? {}, code: data.code };
  }
  return { message: fallback, fieldErrors: {} };
}
