'use client';
// A clinician page that failed to render: inside the clinician frame (its header and its one main landmark),
// like the area's 403 (forbidden.tsx). No error details reach the browser.
import { ErrorMessage } from '~/app/_components/error-message';

export default function ClinicianError({ reset }: { error: Error; reset: () => void }) {
  return <ErrorMessage reset={reset} home="/clinician" />;
}
