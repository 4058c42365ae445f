// The one tRPC setup file: context, procedure tiers (who may call what), and error mapping.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import { es as zodEs } from 'zod/locales';
import { noteDbFailure, type Db } from '~/db';
import type { Actor } from '~/server/audit';
import { auditReads, type ReadLog } from '~/server/audit/reads';
import { allows, meetingAccess, patientAccess, type PatientAccess, type PatientPermission } from '~/server/auth/policy';
import type { SessionState, SessionUser } from '~/server/auth/session';
import { AppError, findErrorCode, type AppErrorCode } from '~/server/errors';
import { ek, isErrorKey, renderError, type ErrorKey } from '~/i18n/errors';
import { defaultLocale, type Locale } from '~/lib/i18n/locales';
import { UNSTORABLE_TEXT } from '~/lib/validation';
import { appOrigin } from '~/server/origin';

export interface Context {
  db: Db;
  session: SessionState;
  requestId: string;
  /** Origin for links the server hands out (invite links): APP_URL in the app (server/origin.ts), never a request header. */
  origin: string;
  /** The client's address (server/auth/ip.ts clientAddress), for throttling public procedures; 'unknown' off the HTTP endpoint. */
  ip: string;
  /** The page being rendered, ids taken out (lib/read-audit/what.ts pageRoute), when a server component calls: for the read audit. */
  page?: string;
  /** The reads of patients' records this request has recorded, one per patient (server/audit/reads.ts). */
  reads: ReadLog;
  /** The language the caller reads: their account's once signed in, else their device's (i18n/locale.ts). */
  locale: Locale;
}

export function createContextFor(db: Db, session: SessionState, extra: Partial<Pick<Context, 'requestId' | 'origin' | 'ip' | 'page' | 'locale'>> = {}): Context {
  // A signed-in person reads their account's language wherever they are; `locale` is the device's otherwise.
  const locale = (session.status === 'signed-in' ? session.user.locale : undefined) ?? extra.locale ?? defaultLocale;
  return {
    db, session, requestId: extra.requestId ?? randomUUID(), origin: extra.origin ?? appOrigin(), ip: extra.ip ?? 'unknown',
    ...(extra.page ? { page: extra.page } : {}), reads: new Map(), locale,
  };
}

type ZodIssue = ZodError['issues'][number];

/** The values a keyed zod message may name: the bounds of the check that failed, and a refinement's own `params`. */
function issueValues(issue: ZodIssue): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  if (issue.code === 'custom' && issue.params) {
    for (const [name, v] of Object.entries(issue.params)) if (typeof v === 'number' || typeof v === 'string') values[name] = v;
  }
  for (const name of ['minimum', 'maximum'] as const) {
    const v = (issue as unknown as Record<string, unknown>)[name];
    if (typeof v === 'number' || typeof v === 'bigint') values[name] = Number(v);
  }
  return values;
}

/**
 * One zod issue in the reader's language: the app's schemas name a message of the catalogue (i18n/errors.ts);
 * zod's own words (a check written without a message) come from zod's translation of them.
 */
export function zodIssueText(issue: ZodIssue, locale: Locale): string {
  if (isErrorKey(issue.message)) return renderError({ key: issue.message, values: issueValues(issue) }, locale);
  if (locale === 'en') return issue.message;
  // zod's own translation of its words (the input is not kept in the issue, so "received" reads undefined).
  const text = zodEs().localeError(issue as unknown as Parameters<ReturnType<typeof zodEs>['localeError']>[0]);
  return (typeof text === 'string' ? text : text?.message) ?? issue.message;
}

/** A zod error's messages per field, keyed by the full path ('doses.1.takenMg') and by the top-level name ('doses'), and the form's own. */
export function zodFieldErrors(error: ZodError, locale: Locale): { message: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  let formError: string | undefined;
  for (const issue of error.issues) {
    const text = zodIssueText(issue, locale);
    if (issue.path.length === 0) formError ??= text;
    const keys = new Set([issue.path.map(String).join('.'), String(issue.path[0] ?? '')]);
    for (const key of keys) if (key) (fieldErrors[key] ??= []).push(text);
  }
  return { message: formError ?? renderError('common.fieldsNeedAttention', locale), fieldErrors };
}

/** What a procedure declares about itself. */
export interface Meta {
  /** A mutation that hands back the patient's record (an export): recorded in the read audit like a query. */
  returnsRecord?: boolean;
}

const appToTrpc: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

// Connection-level failures (server restarting, connection dropped): the request may be retried.
const retryablePgCodes = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '40001', '40P01']);
const retryableNodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

export function isRetryableDbError(error: unknown): boolean {
  return findErrorCode(error, (code) => retryablePgCodes.has(code) || retryableNodeCodes.has(code)) !== undefined;
}

const t = initTRPC.context<Context>().meta<Meta>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? defaultLocale;
    const cause = error.cause;
    let fieldErrors: Record<string, string[]> | undefined;
    let details: Record<string, unknown> | undefined;
    let message = shape.message;
    if (cause instanceof ZodError) {
      // Keyed by the full path so a form can show each error beside its field, and by the top-level name
      // too for forms that show one message per section; all in the reader's language.
      ({ message, fieldErrors } = zodFieldErrors(cause, locale));
    } else if (cause instanceof AppError) {
      ({ message, fieldErrors } = cause.localized(locale));
      details = cause.details;
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = renderError('common.internal', locale);
    }
    // No stack traces leave the server, in any environment.
    return { ...shape, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors, details } };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** The answer while the database cannot be reached: nothing was saved, and the client may retry. */
export function serviceUnavailable(): TRPCError {
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: renderError('common.unavailable'),
    cause: new AppError('UNAVAILABLE', 'common.unavailable'),
  });
}

/** Maps service errors to tRPC errors in one place, and logs server faults without any patient data. */
const errorMapping = t.middleware(async ({ next, path, ctx }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    // Written in the reader's language here, so server components' callers get it too (the HTTP answer's
    // field messages are written by the error formatter).
    throw new TRPCError({ code: appToTrpc[cause.code], message: cause.localized(ctx.locale).message, cause });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    if (isRetryableDbError(cause)) {
      noteDbFailure(cause);
      throw serviceUnavailable();
    }
    console.error(`[trpc] ${path} failed (request ${ctx.requestId}): ${cause?.name ?? 'Error'}`);
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

function actorOf(user: SessionUser, requestId: string): Actor {
  return { id: user.id, role: user.role, requestId };
}

// Text PostgreSQL cannot store as sent (UNSTORABLE_TEXT): refused for every field, before any service runs.
const UNSTORABLE_MESSAGE = ek('common.unstorable');

function unstorableTextPaths(value: unknown, at: string[] = [], found: string[] = []): string[] {
  // Deeper than any input of the app: left to the input's own validation.
  if (at.length > 32) return found;
  if (typeof value === 'string') {
    if (UNSTORABLE_TEXT.test(value)) found.push(at.join('.'));
  } else if (Array.isArray(value)) value.forEach((v, i) => unstorableTextPaths(v, [...at, String(i)], found));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) unstorableTextPaths(v, [...at, k], found);
  return found;
}

const storableText = t.middleware(async ({ getRawInput, next }) => {
  const paths = unstorableTextPaths(await getRawInput());
  if (paths.length) {
    const fieldErrors: Record<string, ErrorKey[]> = {};
    // Keys come from the caller: one such as 'constructor' could not even be sent back (superjson refuses it).
    const safe = (key: string) => key !== '' && !key.split('.').some((part) => ['__proto__', 'constructor', 'prototype'].includes(part));
    for (const key of new Set(paths.flatMap((p) => [p, p.split('.')[0] ?? '']))) if (safe(key)) fieldErrors[key] = [UNSTORABLE_MESSAGE];
    throw new AppError('BAD_REQUEST', UNSTORABLE_MESSAGE, fieldErrors);
  }
  return next();
});

/** What a session that still owes its second step may call: that step, and nothing else. */
export const SECOND_STEP_PATHS = 'account.twoStep.';
export const SECOND_STEP_FIRST = ek('access.secondStepFirst');

/** The answer when a read could not be recorded in the read audit: no data without its record. */
export const READ_NOT_RECORDED = ek('common.unavailable');

/**
 * Runs `work` beside the recording of its read (`recorded`, from server/audit/reads.ts): no extra round trip,
 * but nothing is answered until the read is in the audit, and nothing at all if it could not be recorded.
 */
export async function alongsideRead<T>(recorded: Promise<boolean>, work: Promise<T>): Promise<T> {
  const [ok, result] = await Promise.allSettled([recorded, work]);
  if (result.status === 'rejected') throw result.reason;
  if (ok.status === 'rejected' || !ok.value) throw new AppError('UNAVAILABLE', READ_NOT_RECORDED);
  return result.value;
}

/** A signed-in user whose account is live (checked against the database for this request). */
export const authedProcedure = publicProcedure.use(({ ctx, next, path }) => {
  if (ctx.session.status !== 'signed-in') {
    throw new AppError('UNAUTHORIZED', ctx.session.status === 'expired' ? 'access.sessionEnded' : 'access.signIn');
  }
  const user = ctx.session.user;
  if (user.pendingSecondFactor && !path.startsWith(SECOND_STEP_PATHS)) throw new AppError('FORBIDDEN', SECOND_STEP_FIRST);
  return next({ ctx: { user, sessionId: ctx.session.sessionId, actor: actorOf(user, ctx.requestId) } });
}).use(storableText);

function roleProcedure(role: SessionUser['role']) {
  return authedProcedure.use(({ ctx, next }) => {
    if (ctx.user.role !== role) throw new AppError('FORBIDDEN', 'access.noAccess');
    return next();
  });
}

export const clinicianProcedure = roleProcedure('clinician');
export const adminProcedure = roleProcedure('admin');

/** What a care-team member who may not prescribe is told when they try a prescriber's action. */
export const PRESCRIBER_ONLY = ek('access.prescriberOnly');
/** The same for a step decision that changes doses. */
export const PRESCRIBER_ONLY_DECISION = ek('access.prescriberOnlyDecision');

const MAY_NOT_EDIT = ek('access.mayNotEdit');

/** Why `access` falls short of `permission`: someone who may not even edit the plan is told that first. */
function refusalFor(access: PatientAccess, permission: Exclude<PatientPermission, 'read'>): ErrorKey {
  return permission === 'prescribe' && allows(access, 'edit-plan') ? PRESCRIBER_ONLY : MAY_NOT_EDIT;
}

/**
 * Patient-scoped tiers: the input names a patient, and the actor is proved to be that patient or on
 * their care team with the needed permission before the handler runs. Unknown patients and patients
 * out of reach get the same answer, so the API does not reveal who exists.
 */
function patientScope(permission: PatientPermission) {
  return authedProcedure.input(z.object({ patientId: z.uuid(ek('access.patientId')) })).use(async ({ ctx, input, next }) => {
    const access: PatientAccess | null = await patientAccess(ctx.db, ctx.user, input.patientId);
    if (!access || !allows(access, permission)) {
      throw new AppError('FORBIDDEN', permission === 'read' || !access ? 'access.noPatientAccess' : refusalFor(access, permission));
    }
    return next({ ctx: { access } });
  });
}

type InputParser = { safeParseAsync?: (value: unknown) => Promise<{ success: boolean }> };
const procedureInputs = new Map<string, readonly InputParser[]>();

/**
 * Called once by root.ts with the app router's procedures: their input parsers, so the read audit can tell
 * a call with bad input (answered 400, nothing read) from a read before the procedure's own parser runs.
 */
export function noteProcedureInputs(procedures: Record<string, unknown>): void {
  for (const [path, procedure] of Object.entries(procedures)) {
    procedureInputs.set(path, (procedure as { _def: { inputs: InputParser[] } })._def.inputs);
  }
}

/** Whether every input parser of the procedure accepts the raw input (as tRPC will check right after the tier). */
async function inputAccepted(path: string, getRawInput: () => Promise<unknown>): Promise<boolean> {
  const parsers = procedureInputs.get(path) ?? [];
  const raw = await getRawInput();
  for (const parser of parsers) if (parser.safeParseAsync && !(await parser.safeParseAsync(raw)).success) return false;
  return true;
}

/**
 * The read audit, last step of every patient-scoped tier (after all of its refusals, so a refused caller
 * leaves no row): every query on a patient's record, and every mutation that hands the record back
 * (`meta.returnsRecord`: the exports), records a read, beside the handler, awaited before the answer.
 */
async function recordingRead<R extends { ok: boolean }>(
  ctx: Context & { user: SessionUser }, access: PatientAccess, call: { type: string; path: string; meta: Meta | undefined; getRawInput: () => Promise<unknown> },
  next: () => Promise<R>,
): Promise<R> {
  if (call.type !== 'query' && !call.meta?.returnsRecord) return next();
  // Bad input is refused with 400 and reads nothing: no row for it. (No I/O here: the insert still runs beside the handler.)
  if (!(await inputAccepted(call.path, call.getRawInput))) return next();
  const recorded = auditReads(ctx, ctx.user, [access.patientId], call.path, access.kind === 'care-team');
  const [ok, result] = await Promise.all([recorded, next()]);
  if (result.ok && !ok) throw new AppError('UNAVAILABLE', READ_NOT_RECORDED);
  return result;
}

/** The patient themself or anyone on their care team: reading the record, and what either may write (notes, comments, goal progress). */
export const patientOrCareTeamProcedure = patientScope('read').use(({ ctx, type, path, meta, getRawInput, next }) => recordingRead(ctx, ctx.access, { type, path, meta, getRawInput }, () => next()));
/** Only the patient's care team, any member, to read or to write (alerts, criteria, goals and weekly reviews are the team's working tools). */
export const careTeamProcedure = patientScope('read')
  .use(({ ctx, next }) => {
    const access = ctx.access;
    if (access.kind !== 'care-team') throw new AppError('FORBIDDEN', 'access.careTeamOnly');
    // Narrowed: handlers read the member's discipline from the proved access.
    return next({ ctx: { access } });
  })
  .use(({ ctx, type, path, meta, getRawInput, next }) => recordingRead(ctx, ctx.access, { type, path, meta, getRawInput }, () => next()));
/** Only the patient themselves (agreeing to a plan is theirs to do, not the team's). */
export const patientSelfProcedure = patientScope('read')
  .use(({ ctx, next }) => {
    if (ctx.access.kind !== 'self') throw new AppError('FORBIDDEN', 'access.patientOnly');
    return next();
  })
  .use(({ ctx, type, path, meta, getRawInput, next }) => recordingRead(ctx, ctx.access, { type, path, meta, getRawInput }, () => next()));
/** Care-team members who may edit the plan (plan editors): drafting, holding the dose, supports, the care team itself. */
export const planEditorProcedure = patientScope('edit-plan').use(({ ctx, type, path, meta, getRawInput, next }) => recordingRead(ctx, ctx.access, { type, path, meta, getRawInput }, () => next()));
/**
 * A prescriber on the patient's care team (their account may prescribe and the team lets them edit the
 * plan): everything that starts a plan or sets or changes its doses.
 */
export const prescriberProcedure = patientScope('prescribe').use(({ ctx, type, path, meta, getRawInput, next }) => recordingRead(ctx, ctx.access, { type, path, meta, getRawInput }, () => next()));

/**
 * For a procedure whose input decides whether it changes doses (a step decision): called from a
 * middleware after the input is parsed, on a tier that has proved the access already.
 */
export function requirePrescriber(access: PatientAccess, message: ErrorKey = PRESCRIBER_ONLY): void {
  if (!allows(access, 'prescribe')) throw new AppError('FORBIDDEN', message);
}

/** What a clinician who does not attend a meeting is told, whether or not the meeting exists. */
export const NOT_ATTENDEE = ek('access.notAttendee');
/** What an attendee is told when they try to write about a patient whose care team they are not on. */
export const NOT_ON_ITEM_TEAM = ek('access.notOnItemTeam');

/**
 * MDT meetings are the clinic's, not one patient's: the input names a meeting, and the caller is proved
 * to attend it before the handler runs. The proved place (with which agenda patients' care teams the
 * caller is on) goes into ctx. An unknown meeting gets the same answer as one the caller does not attend.
 */
export const mdtAttendeeProcedure = clinicianProcedure
  .input(z.object({ meetingId: z.uuid(ek('access.meetingId')) }))
  .use(async ({ ctx, input, next }) => {
    const meeting = await meetingAccess(ctx.db, ctx.user, input.meetingId);
    if (!meeting) throw new AppError('FORBIDDEN', NOT_ATTENDEE);
    return next({ ctx: { meeting } });
  });

/**
 * One patient's item in a meeting the caller attends: the patient's own access rule decides, and only
 * their care team may write about them. The proved item and the caller's access to its patient go into ctx.
 */
export const mdtItemProcedure = mdtAttendeeProcedure
  .input(z.object({ itemId: z.uuid(ek('access.itemId')) }))
  .use(async ({ ctx, input, next }) => {
    const item = ctx.meeting.items.find((i) => i.itemId === input.itemId);
    if (!item) throw new AppError('NOT_FOUND', 'access.notOnAgenda');
    const access = await patientAccess(ctx.db, ctx.user, item.patientId);
    if (!access || access.kind !== 'care-team') throw new AppError('FORBIDDEN', NOT_ON_ITEM_TEAM);
    return next({ ctx: { item: { itemId: item.itemId, patientId: item.patientId, access } } });
  });
