'use client';
// A draft or proposed plan: its schedule, with a button that swaps in the editor.
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { Button } from '~/app/_components/ui';
import type { PatientFacts, TaperInput, Warning } from '~/lib/taper/types';
import { PlanEditor } from './plan-editor';

export function PlanWorkspace({ patientId, patient, today, plan, mayPrescribe, children }: {
  patientId: string;
  patient: PatientFacts;
  today: string;
  plan: { id: string; version: number; input: TaperInput; status: 'draft' | 'proposed'; warnings: Warning[] };
  mayPrescribe: boolean;
  children: ReactNode;
}) {
  const t = useTranslations('Plan');
  const [editing, setEditing] = useState(false);
  if (editing) {
    // Keyed by version: after a save (or another person's) the form starts from the latest input.
    return <PlanEditor key={plan.version} patientId={patientId} patient={patient} today={today} plan={plan} mayPrescribe={mayPrescribe} onDone={() => setEditing(false)} />;
  }
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Button variant="secondary" onClick={() => setEditing(true)}>{t('editPlan')}</Button>
      </div>
      {children}
    </div>
  );
}
