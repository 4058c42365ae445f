'use client';
// Shown when a page fails to render outside an area with its own error page; no error details reach the
// browser. As the root error boundary its script loads on every page, so it stays small (error-message.tsx).
import { ErrorMessage } from './_components/error-message';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-8">
      <ErrorMessage reset={reset} />
    </main>
  );
}
