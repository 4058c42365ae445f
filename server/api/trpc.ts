// The one tRPC setup file: context, procedure tiers (who may call what), and error mapping.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import { noteDbFailure, type Db } from '~/db';
import type { Actor } from '~/server/audit';
import { auditReads, type ReadLog } from '~/server/audit/reads';
import { allows, meetingAccess, patientAccess, type PatientAccess, type PatientPermission } from '~/server/auth/policy';
import type { SessionState, SessionUser } from '~/server/auth/session';
import { AppError, findErrorCode, type AppErrorCode } from '~/server/errors';
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
}

export function createContextFor(db: Db, session: SessionState, extra: Partial<Pick<Context, 'requestId' | 'origin' | 'ip' | 'page'>> = {}): Context {
  return {
    db, session, requestId: extra.requestId ?? randomUUID(), origin: extra.origin ?? appOrigin(), ip: extra.ip ?? 'unknown',
    ...(extra.page ? { page: extra.page } : {}), reads: new Map(),
  };
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
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let fieldErrors: Record<string, string[]> | undefined;
    let details: Record<string, unknown> | undefined;
    let message = shape.message;
    if (cause instanceof ZodError) {
      // Keyed by the full path ('doses.1.takenMg') so a form can show each error beside its field, and
      // by the top-level name too ('doses') for forms that show one message per section.
      fieldErrors = {};
      for (const issue of cause.issues) {
        const keys = new Set([issue.path.map(String).join('.'), String(issue.path[0] ?? '')]);
        for (const key of keys) if (key) (fieldErrors[key] ??= []).push(issue.message);
      }
      const formErrors = z.flattenError(cause).formErrors;
      message = formErrors[0] ?? 'Some fields need attention.';
    } else if (cause instanceof AppError) {
      fieldErrors = cause.fieldErrors;
      details = cause.details;
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = 'Something went wrong on our side. Nothing was saved. Please try again.';
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
    message: 'The service is briefly unavailable. Nothing was saved. Please try again in a moment.',
    cause: new AppError('UNAVAILABLE', 'retryable'),
  });
}

/** Maps service errors to tRPC errors in one place, and logs server faults without any patient data. */
const errorMapping = t.middleware(async ({ next, path, ctx }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    throw new TRPCError({ code: appToTrpc[cause.code], message: cause.message, cause });
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
const UNSTORABLE_MESSAGE = 'This text contains a character that cannot be saved (a null character or a broken emoji). Remove it and try again.';

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
    const fieldErrors: Record<string, string[]> = {};
    // Keys come from the caller: one such as 'constructor' could not even be sent back (superjson refuses it).
    const safe = (key: string) => key !== '' && !key.split('.').some((part) => ['__proto__', 'constructor', 'prototype'].includes(part));
    for (const key of new Set(paths.flatMap((p) => [p, p.split('.')[0] ?? '']))) if (safe(key)) fieldErrors[key] = [UNSTORABLE_MESSAGE];
    throw new AppError('BAD_REQUEST', UNSTORABLE_MESSAGE, fieldErrors);
  }
  return next();
});

/** What a session that still owes its second step may call: that step, and nothing else. */
export const SECOND_STEP_PATHS = 'account.twoStep.';
export const SECOND_STEP_FIRST = 'Finish two-step sign-in first: enter a code from your authenticator app, or set one up.';

/** The answer when a read could not be recorded in the read audit: no data without its record. */
export const READ_NOT_RECORDED = 'The service is briefly unavailable. Nothing was saved. Please try again in a moment.';

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
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: ctx.session.status === 'expired' ? 'Your session has ended. Please sign in again.' : 'Please sign in.',
    });
  }
  const user = ctx.session.user;
  if (user.pendingSecondFactor && !path.startsWith(SECOND_STEP_PATHS)) throw new TRPCError({ code: 'FORBIDDEN', message: SECOND_STEP_FIRST });
  return next({ ctx: { user, sessionId: ctx.session.sessionId, actor: actorOf(user, ctx.requestId) } });
}).use(storableText);

function roleProcedure(role: SessionUser['role']) {
  return authedProcedure.use(({ ctx, next }) => {
    if (ctx.user.role !== role) throw new TRPCError({ code: 'FORBIDDEN', message: 'You do not have access to this.' });
    return next();
  });
}

export const clinicianProcedure = roleProcedure('clinician');
export const adminProcedure = roleProcedure('admin');

/** What a care-team member who may not prescribe is told when they try a prescriber's action. */
export const PRESCRIBER_ONLY =
  'Only a prescriber on this care team can propose, start, resume, change the doses of, complete or stop a taper plan. You can draft the plan, hold it (pause, extend a step) and comment.';
/** The same for a step decision that changes doses. */
export const PRESCRIBER_ONLY_DECISION =
  'Only a prescriber on this care team can decide to go on, slow or step back. You can decide to hold or pause.';

const MAY_NOT_EDIT = 'You may not edit this patient’s plan or care team.';

/** Why `access` falls short of `permission`: someone who may not even edit the plan is told that first. */
function refusalFor(access: PatientAccess, permission: Exclude<PatientPermission, 'read'>): string {
  return permission === 'prescribe' && allows(access, 'edit-plan') ? PRESCRIBER_ONLY : MAY_NOT_EDIT;
}

/**
 * Patient-scoped tiers: the input names a patient, and the actor is proved to be that patient or on
 * their care team with the needed permission before the handler runs. Unknown patients and patients
 * out of reach get the same answer, so the API does not reveal who exists.
 */
function patientScope(permission: PatientPermission) {
  return authedProcedure.input(z.object({ patientId: z.uuid('Not a valid patient identifier.') })).use(async ({ ctx, input, next }) => {
    const access: PatientAccess | null = await patientAccess(ctx.db, ctx.user, input.patientId);
    if (!access || !allows(access, permission)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: permission === 'read' || !access ? 'You do not have access to this patient.' : refusalFor(access, permission),
      });
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
    if (access.kind !== 'care-team') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the care team can see this.' });
    // Narrowed: handlers read the member's discipline from the proved access.
    return next({ ctx: { access } });
  })
  .use(({ ctx, type, path, meta, getRawInput, next }) => recordingRead(ctx, ctx.access, { type, path, meta, getRawInput }, () => next()));
/** Only the patient themselves (agreeing to a plan is theirs to do, not the team's). */
export const patientSelfProcedure = patientScope('read')
  .use(({ ctx, next }) => {
    if (ctx.access.kind !== 'self') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the patient can do this.' });
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
export function requirePrescriber(access: PatientAccess, message = PRESCRIBER_ONLY): void {
  if (!allows(access, 'prescribe')) throw new TRPCError({ code: 'FORBIDDEN', message });
}

/** What a clinician who does not attend a meeting is told, whether or not the meeting exists. */
export const NOT_ATTENDEE = 'Only the meeting’s attendees can see or change it.';
/** What an attendee is told when they try to write about a patient whose care team they are not on. */
export const NOT_ON_ITEM_TEAM = 'Only the patient’s care team can record about them.';

/**
 * MDT meetings are the clinic's, not one patient's: the input names a meeting, and the caller is proved
 * to attend it before the handler runs. The proved place (with which agenda patients' care teams the
 * caller is on) goes into ctx. An unknown meeting gets the same answer as one the caller does not attend.
 */
export const mdtAttendeeProcedure = clinicianProcedure
  .input(z.object({ meetingId: z.uuid('Not a valid meeting identifier.') }))
  .use(async ({ ctx, input, next }) => {
    const meeting = await meetingAccess(ctx.db, ctx.user, input.meetingId);
    if (!meeting) throw new TRPCError({ code: 'FORBIDDEN', message: NOT_ATTENDEE });
    return next({ ctx: { meeting } });
  });

/**
 * One patient's item in a meeting the caller attends: the patient's own access rule decides, and only
 * their care team may write about them. The proved item and the caller's access to its patient go into ctx.
 */
export const mdtItemProcedure = mdtAttendeeProcedure
  .input(z.object({ itemId: z.uuid('Not a valid item identifier.') }))
  .use(async ({ ctx, input, next }) => {
    const item = ctx.meeting.items.find((i) => i.itemId === input.itemId);
    if (!item) throw new TRPCError({ code: 'NOT_FOUND', message: 'This patient is not on the meeting’s agenda.' });
    const access = await patientAccess(ctx.db, ctx.user, item.patientId);
    if (!access || access.kind !== 'care-team') throw new TRPCError({ code: 'FORBIDDEN', message: NOT_ON_ITEM_TEAM });
    return next({ ctx: { item: { itemId: item.itemId, patientId: item.patientId, access } } });
  });
