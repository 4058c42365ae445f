// Downloads of a patient's record: FHIR R4 (JSON), the check-ins and plan steps (CSV), the clinical summary
// (PDF). Each calls its export procedure, so access, input checks and the audit event are the API's own.
// The PDF and this handler's own refusals are in the reader's language; the CSV and FHIR files are the same
// for every reader (docs/architecture.md, "Exports and language").
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { requestLocale } from '~/i18n/locale';
import type { Locale } from '~/lib/i18n/locales';
import { requestContextOrUnavailable } from '~/server/api/context';
import { createCaller } from '~/server/api/root';
import { zodIssueText, type Context } from '~/server/api/trpc';
import { summaryPdf } from '~/server/export/pdf';
import { downloadTranslator } from '~/server/export/words';

export const dynamic = 'force-dynamic';

const FILES = {
  'fhir.json': { type: 'application/fhir+json; charset=utf-8', name: 'fhir', ext: 'json' },
  'check-ins.csv': { type: 'text/csv; charset=utf-8; header=present', name: 'check-ins', ext: 'csv' },
  'plan-steps.csv': { type: 'text/csv; charset=utf-8; header=present', name: 'plan-steps', ext: 'csv' },
  'summary.pdf': { type: 'application/pdf', name: 'summary', ext: 'pdf' },
} as const;
type FileName = keyof typeof FILES;

const isFile = (f: string): f is FileName => Object.hasOwn(FILES, f);

// Every answer may hold health data (or say whose it is not): never stored by a browser or a proxy.
const PRIVATE = { 'Cache-Control': 'private, no-store, max-age=0', 'X-Content-Type-Options': 'nosniff' };

function refusal(status: number, message: string, fieldErrors?: Record<string, string[]>): Response {
  return Response.json({ error: { message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status, headers: PRIVATE });
}

/**
 * The reader's language: the context's (the signed-in account's, else the device's), else, before there is a
 * context, what the request says (i18n/locale.ts: the language cookie, then Accept-Language).
 */
async function readerLocale(ctx?: Context): Promise<Locale> {
  return ctx ? ctx.locale : requestLocale();
}

function refusalFor(error: unknown, locale: Locale): Response {
  if (!(error instanceof TRPCError)) throw error;
  const t = downloadTranslator(locale);
  const status = getHTTPStatusCodeFromError(error);
  if (error.cause instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    const texts = error.cause.issues.map((issue) => [issue.path.map(String).join('.') || 'input', zodIssueText(issue, locale)] as const);
    for (const [field, text] of texts) (fieldErrors[field] ??= []).push(text);
    return refusal(400, texts[0]?.[1] ?? t('fieldsNeedAttention'), fieldErrors);
  }
  if (status >= 500 && status !== 503) return refusal(500, t('serverError'));
  // A service's refusal is already written in the reader's language (server/api/trpc.ts, error mapping).
  return refusal(status, error.message);
}

/**
 * The file's name says what it is and when, never whose: the first block of the record's id tells a
 * clinician's downloads apart without naming anyone.
 */
function disposition(patientId: string, file: FileName, today: string): string {
  const { name, ext } = FILES[file];
  return `attachment; filename="taperline-${patientId.slice(0, 8)}-${name}-${today}.${ext}"`;
}

const FILE_LIST = Object.keys(FILES).join(', ');

export async function GET(request: Request, { params }: { params: Promise<{ patientId: string; file: string }> }) {
  const { patientId, file } = await params;
  if (!isFile(file)) return refusal(404, downloadTranslator(await readerLocale())('noSuchExport', { files: FILE_LIST }));
  const query = new URL(request.url).searchParams;
  // Absent or empty values (a form's blank date) mean the whole record; others are checked by the procedure's input.
  const from = query.get('from') || undefined;
  const to = query.get('to') || undefined;
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  let ctx: Context | undefined;
  try {
    ctx = await requestContextOrUnavailable();
    const api = createCaller(ctx);
    let body: string | Uint8Array;
    let today: string;
    if (file === 'fhir.json') {
      const out = await api.exports.fhir({ patientId, ...range });
      // Compact: two years of daily check-ins are over ten thousand resources.
      body = JSON.stringify(out.bundle);
      today = out.today;
    } else if (file === 'summary.pdf') {
      const page = query.get('page') ?? 'a4';
      if (page !== 'a4' && page !== 'letter') {
        const message = downloadTranslator(await readerLocale(ctx))('pageSize');
        return refusal(400, message, { page: [message] });
      }
      const out = await api.exports.summary({ patientId, format: 'pdf' });
      body = new Uint8Array(await summaryPdf(out.summary, { pageSize: page === 'a4' ? 'A4' : 'LETTER', locale: await readerLocale(ctx) }));
      today = out.today;
    } else {
      const out = await api.exports.csv({ patientId, table: file === 'check-ins.csv' ? 'check-ins' : 'plan-steps', ...range });
      body = out.csv;
      today = out.today;
    }
    return new Response(body as BodyInit, {
      status: 200,
      headers: { ...PRIVATE, 'Content-Type': FILES[file].type, 'Content-Disposition': disposition(patientId, file, today) },
    });
  } catch (error) {
    return refusalFor(error, await readerLocale(ctx));
  }
}
