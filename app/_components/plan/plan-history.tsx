'use client';
// The plan's history: every version with its author and reason, and what changed from the one before.
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { SelectField } from '~/app/_components/fields/text';
import { loadApi } from '~/app/_trpc/lazy';
import { Badge, Button, EmptyState } from '~/app/_components/ui';
import type { PlanDiff } from '~/lib/taper/diff';
import { PlanChangeList } from './plan-changes';
import type { PlanAction, PlanStatus } from '~/server/plans/service';

export interface PlanVersionSummary {
  version: number;
  status: PlanStatus;
  action: PlanAction;
  reason: string;
  authorName: string;
  authorRole: 'patient' | 'clinician' | 'admin';
  discipline: string | null;
  /** The prescriber whose sign-off the version's doses carry; null while none has signed them off. */
  signedOffByName: string | null;
  createdAt: Date;
}

function DiffView({ diff }: { diff: PlanDiff }) {
  return <PlanChangeList changes={diff.changes} headingLevel={4} />;
}

function VersionChanges({ patientId, planId, from, to }: { patientId: string; planId: string; from: number; to: number }) {
  const tc = useTranslations('Common');
  // Asked when the viewer compares (the plain client, fetched then: the plan page loads no query library).
  const [diff, setDiff] = useState<{ key: string; data?: PlanDiff; failed?: true } | null>(null);
  const key = `${from}-${to}`;
  useEffect(() => {
    let live = true;
    loadApi()
      .then((api) => api.plans.diff.query({ patientId, planId, from, to }))
      .then(
        (data) => live && setDiff({ key, data }),
        () => live && setDiff({ key, failed: true }),
      );
    return () => {
      live = false;
    };
  }, [patientId, planId, from, to, key]);
  if (!diff || diff.key !== key) return <p role="status">{tc('loading')}</p>;
  if (!diff.data) return <p role="alert" className="text-red-800">{tc('errorGeneric')}</p>;
  return <DiffView diff={diff.data} />;
}

/** Compares any two versions the viewer can see. */
function CompareVersions({ patientId, planId, versions }: { patientId: string; planId: string; versions: PlanVersionSummary[] }) {
  const t = useTranslations('Plan');
  const numbers = versions.map((v) => v.version).sort((a, b) => a - b);
  const [from, setFrom] = useState(String(numbers.at(-2) ?? numbers[0] ?? 1));
  const [to, setTo] = useState(String(numbers.at(-1) ?? 1));
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  if (numbers.length < 2) return null;
  const option = (n: number) => <option key={n} value={n}>{t('version', { version: n })}</option>;
  return (
    <form
      className="mb-4 flex flex-col gap-3 rounded-lg bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        setShown({ from: Number(from), to: Number(to) });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('compareFrom')} value={from} onChange={(e) => setFrom(e.target.value)}>{numbers.map(option)}</SelectField>
        <SelectField label={t('compareTo')} value={to} onChange={(e) => setTo(e.target.value)}>{numbers.map(option)}</SelectField>
      </div>
      <div>
        <Button type="submit" variant="secondary">{t('compare')}</Button>
      </div>
      {shown && (
        <div aria-live="polite">
          <p className="mb-1 text-sm font-medium">{t('compareWith', { from: shown.from, to: shown.to })}</p>
          <VersionChanges patientId={patientId} planId={planId} from={shown.from} to={shown.to} />
        </div>
      )}
    </form>
  );
}

export function PlanHistory({ patientId, planId, versions }: { patientId: string; planId: string; versions: PlanVersionSummary[] }) {
  const t = useTranslations('Plan');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const [open, setOpen] = useState<Set<number>>(new Set());
  if (versions.length === 0) return <EmptyState title={t('historyEmpty')} />;
  return (
    <>
    <CompareVersions patientId={patientId} planId={planId} versions={versions} />
    <ol aria-label={t('historyCaption')} className="flex flex-col gap-3">
      {versions.map((v) => {
        const isOpen = open.has(v.version);
        const who = v.authorRole === 'patient' ? tc('roles.patient') : v.discipline ? tc(`disciplines.${v.discipline as 'prescriber'}`) : tc(`roles.${v.authorRole}`);
        return (
          <li key={v.version} className="rounded-lg border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">{t('versionBy', { version: v.version, action: t(`actions.${v.action}`), author: v.authorName })}</span>
              <Badge>{who}</Badge>
              <Badge tone="brand">{t(`status.${v.status}`)}</Badge>
            </div>
            <p className="text-sm text-slate-700">{format.dateTime(v.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</p>
            <p className={`text-sm ${v.signedOffByName ? 'text-slate-700' : 'font-medium text-amber-900'}`}>
              {v.signedOffByName
                ? t('signedOffBy', { name: v.signedOffByName })
                : v.status === 'draft'
                  ? t('awaitsSignOff', { author: v.authorName })
                  : t('notSignedOff')}
            </p>
            {v.reason && <p className="mt-1">“{v.reason}”</p>}
            {v.version > 1 && (
              <div className="mt-2">
                <Button
                  variant="ghost"
                  aria-expanded={isOpen}
                  onClick={() => setOpen((s) => {
                    const next = new Set(s);
                    if (next.has(v.version)) next.delete(v.version);
                    else next.add(v.version);
                    return next;
                  })}
                >
                  {isOpen ? t('hideChanges') : t('showChanges')}
                </Button>
                {isOpen && (
                  <div className="mt-2 rounded bg-slate-50 p-3">
                    <p className="mb-1 text-sm font-medium">{t('compareWith', { from: v.version - 1, to: v.version })}</p>
                    <VersionChanges patientId={patientId} planId={planId} from={v.version - 1} to={v.version} />
                  </div>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
    </>
  );
}
