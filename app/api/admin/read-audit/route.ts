// The read audit as a CSV download for administrators: the viewer's filters (ids and dates), through the
// readAudit.exportCsv procedure (its tier, input checks and its own audit event).
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { requestContextOrUnavailable } from '~/server/api/context';
import { createCaller } from '~/server/api/root';
import { zodIssueText } from '~/server/api/trpc';
import { edgeLocale } from '~/server/api/edge';
import { AppError } from '~/server/errors';
import { renderError } from '~/i18n/errors';
import type { Locale } from '~/lib/i18n/locales';

export const dynamic = 'force-dynamic';

// Names of patients and who read them: never stored by a browser or a proxy.
const PRIVATE = { 'Cache-Control': 'private, no-store, max-age=0', 'X-Content-Type-Options': 'nosniff' };

function refusal(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status, headers: PRIVATE });
}

export async function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const filters: Record<string, string> = {};
  for (const key of ['patient', 'person', 'from', 'to']) {
    const value = query.get(key);
    if (value) filters[key] = value;
  }
  // The reader's language: their account's once the context is built, the device's before (or without) it.
  let locale: Locale = edgeLocale(request.headers);
  try {
    const ctx = await requestContextOrUnavailable();
    locale = ctx.locale;
    const api = createCaller(ctx);
    const out = await api.readAudit.exportCsv(filters);
    return new Response(out.csv, {
      status: 200,
      headers: {
        ...PRIVATE,
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="taperline-read-audit-${out.today}.csv"`,
        // Cut at the limit: the administrator is told to narrow the days.
        'X-Rows': String(out.rows),
        ...(out.truncated ? { 'X-Truncated': 'true' } : {}),
      },
    });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (error.cause instanceof ZodError) {
      const issue = error.cause.issues[0];
      return refusal(400, issue ? zodIssueText(issue, locale) : renderError('common.filtersNeedAttention', locale));
    }
    const status = getHTTPStatusCodeFromError(error);
    if (status >= 500 && status !== 503) return refusal(500, renderError('common.internalDownload', locale));
    // A service's refusal is already in the reader's language (server/api/trpc.ts); the database out of reach too.
    return refusal(status, error.cause instanceof AppError ? error.cause.localized(locale).message : error.message);
  }
}
