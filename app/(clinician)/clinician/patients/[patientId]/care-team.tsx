'use client';
// The care team table; for members who may edit the plan, also changing a colleague's plan rights or
// removing them in place. Disciplines come from each member's account and are shown, not edited.
import { ConfirmStep } from '~/app/_components/confirm-step';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CheckboxField } from '~/app/_components/fields';
import { Badge, Button, Notice } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import type { Discipline } from '../../options';
import { AddColleagueForm, type Colleague } from './add-colleague-form';

export interface TeamMember {
  clinicianId: string;
  name: string;
  email: string;
  discipline: Discipline;
  mayEditPlan: boolean;
}

type Open = { kind: 'edit' | 'remove'; clinicianId: string } | null;

export function CareTeam({
  patientId,
  members,
  currentUserId,
  canEdit,
  directory,
}: {
  patientId: string;
  members: TeamMember[];
  currentUserId: string;
  canEdit: boolean;
  directory: Colleague[];
}) {
  const t = useTranslations('PatientRecord.team');
  const tc = useTranslations('Common');
  const idPrefix = useId();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const columns = canEdit ? 5 : 4;

  const triggerId = (kind: 'edit' | 'remove', clinicianId: string) => `${idPrefix}-${kind}-${clinicianId}`;
  function close() {
    const was = open;
    setOpen(null);
    // Back to the button that opened the panel, so keyboard users keep their place.
    if (was) document.getElementById(triggerId(was.kind, was.clinicianId))?.focus();
  }
  function toggle(kind: 'edit' | 'remove', clinicianId: string, isOpen: boolean) {
    // A new action starts fresh: an older "saved" message next to a new form would mislead.
    setDone('');
    setOpen(isOpen ? null : { kind, clinicianId });
  }
  function finished(message: string) {
    const was = open;
    setOpen(null);
    setDone(message);
    // After a change focus returns to its button; after a removal that row is going, so to the message.
    if (was?.kind === 'edit') document.getElementById(triggerId('edit', was.clinicianId))?.focus();
    else status.current?.focus();
  }

  const onTeam = new Set(members.map((m) => m.clinicianId));
  const candidates = directory.filter((c) => !onTeam.has(c.id));

  return (
    <div className="flex flex-col gap-4">
      <p ref={status} tabIndex={-1} role="status" className="font-medium text-emerald-900">
        {done}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="border-b border-slate-200 text-sm text-slate-700">
            <tr>
              <th scope="col" className="py-2 pr-4 font-semibold">{t('name')}</th>
              <th scope="col" className="hidden py-2 pr-4 font-semibold sm:table-cell">{t('email')}</th>
              <th scope="col" className="py-2 pr-4 font-semibold">{t('discipline')}</th>
              <th scope="col" className="py-2 pr-4 font-semibold">{t('mayEdit')}</th>
              {canEdit && <th scope="col" className="py-2 font-semibold">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const isMe = m.clinicianId === currentUserId;
              const expanded = open?.clinicianId === m.clinicianId ? open.kind : null;
              return (
                <Fragment key={m.clinicianId}>
                  <tr className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-4 font-semibold">
                      {m.name} {isMe && <Badge tone="brand">{t('you')}</Badge>}
                      {/* Phones have no room for an email column: the address sits under the name. */}
                      <span className="block text-sm font-normal wrap-anywhere text-slate-700 sm:hidden">{m.email}</span>
                    </th>
                    <td className="hidden py-2 pr-4 wrap-anywhere sm:table-cell">{m.email}</td>
                    <td className="py-2 pr-4">{tc(`disciplines.${m.discipline}`)}</td>
                    <td className="py-2 pr-4">{m.mayEditPlan ? t('mayEditYes') : t('mayEditNo')}</td>
                    {canEdit && (
                      <td className="py-2">
                        <div className="flex flex-wrap gap-2">
                          <Button
                            id={triggerId('edit', m.clinicianId)}
                            variant="secondary"
                            aria-expanded={expanded === 'edit'}
                            onClick={() => toggle('edit', m.clinicianId, expanded === 'edit')}
                          >
                            {t('change')}
                            <span className="sr-only"> {m.name}</span>
                          </Button>
                          <Button
                            id={triggerId('remove', m.clinicianId)}
                            variant="secondary"
                            aria-expanded={expanded === 'remove'}
                            onClick={() => toggle('remove', m.clinicianId, expanded === 'remove')}
                          >
                            {t('remove')}
                            <span className="sr-only"> {m.name}</span>
                          </Button>
                        </div>
                      </td>
                    )}
                  </tr>
                  {expanded && (
                    <tr className="border-b border-slate-100 bg-slate-50">
                      <td colSpan={columns} className="p-4">
                        {expanded === 'edit' ? (
                          <EditMember patientId={patientId} member={m} onCancel={close} onDone={finished} />
                        ) : (
                          <RemoveMember patientId={patientId} member={m} isMe={isMe} onCancel={close} onDone={finished} />
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <section aria-labelledby={`${idPrefix}-add`} className="mt-2 border-t border-slate-200 pt-4">
          <h3 id={`${idPrefix}-add`} className="mb-3 text-base font-semibold text-slate-900">{t('addTitle')}</h3>
          {candidates.length === 0 ? (
            <p className="text-slate-700">{t('noCandidates')}</p>
          ) : (
            <AddColleagueForm patientId={patientId} candidates={candidates} onDone={(message) => setDone(message)} />
          )}
        </section>
      )}
    </div>
  );
}

function EditMember({ patientId, member, onCancel, onDone }: { patientId: string; member: TeamMember; onCancel: () => void; onDone: (message: string) => void }) {
  const t = useTranslations('PatientRecord.team');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const first = useRef<HTMLInputElement>(null);
  const [mayEditPlan, setMayEditPlan] = useState(member.mayEditPlan);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const update = useMutation(
    trpc.patients.updateCareTeamMember.mutationOptions({
      onSuccess: () => {
        onDone(t('saved', { name: member.name }));
        router.refresh();
      },
    }),
  );
  const error = update.error ? formErrorFrom(update.error, tc('errorGeneric')) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ patientId, clinicianId: member.clinicianId, mayEditPlan });
  }

  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold text-slate-900">{t('editLegend', { name: member.name })}</legend>
        {error && (
          <Notice tone="error" role="alert">
            {error.message}
          </Notice>
        )}
        <p className="text-slate-700">
          <span className="font-medium text-slate-900">{t('discipline')}:</span> {tc(`disciplines.${member.discipline}`)}. {t('disciplineFromAccount')}
        </p>
        <CheckboxField
          ref={first}
          label={t('mayEditLabel')}
          hint={`${t('mayEditHint')} ${t('lastPrescriberHint')}`}
          name="mayEditPlan"
          checked={mayEditPlan}
          onChange={(e) => setMayEditPlan(e.target.checked)}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? tc('saving') : tc('save')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {tc('cancel')}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}

function RemoveMember({
  patientId,
  member,
  isMe,
  onCancel,
  onDone,
}: {
  patientId: string;
  member: TeamMember;
  isMe: boolean;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('PatientRecord.team');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(
    trpc.patients.removeCareTeamMember.mutationOptions({
      onSuccess: () => {
        if (isMe) {
          // Off the team, this record is out of reach: go home rather than into a 403.
          router.push('/clinician');
          return;
        }
        onDone(t('removed', { name: member.name }));
        router.refresh();
      },
    }),
  );
  const error = remove.error ? formErrorFrom(remove.error, tc('errorGeneric')) : null;

  return (
    <ConfirmStep
      question={isMe ? t('removeMeQuestion') : t('removeQuestion', { name: member.name })}
      consequence={isMe ? t('removeMeConsequence') : t('removeConsequence')}
      confirmLabel={t('confirmRemove')}
      pendingLabel={t('removing')}
      pending={remove.isPending}
      error={error?.message ?? null}
      onConfirm={() => remove.mutate({ patientId, clinicianId: member.clinicianId })}
      onCancel={onCancel}
    />
  );
}
