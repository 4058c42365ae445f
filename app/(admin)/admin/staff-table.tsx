'use client';
// The staff list with its per-person actions: a clinician's profession and prescribing right, disable (after
// a confirm step), enable, and a new invite link.
import { ConfirmStep } from '~/app/_components/confirm-step';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CheckboxField, SelectField } from '~/app/_components/fields';
import { InviteLink } from '~/app/_components/invite-link';
import { Badge, Button, Notice } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import { professionOptions, type Profession } from './options';

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: 'patient' | 'clinician' | 'admin';
  status: 'invited' | 'active' | 'disabled';
  profession: Profession | null;
  mayPrescribe: boolean;
}

type OpenKind = 'disable' | 'invite' | 'rights';
type Open = { kind: OpenKind; id: string } | null;

export function StaffTable({ staff, currentUserId }: { staff: StaffMember[]; currentUserId: string }) {
  const t = useTranslations('Admin.staff');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const idPrefix = useId();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState('');

  const triggerId = (kind: OpenKind, id: string) => `${idPrefix}-${kind}-${id}`;
  function close() {
    const was = open;
    setOpen(null);
    if (was) document.getElementById(triggerId(was.kind, was.id))?.focus();
  }

  const enable = useMutation(
    trpc.admin.setDisabled.mutationOptions({
      onSuccess: (_result, input) => {
        const name = staff.find((s) => s.id === input.userId)?.name ?? '';
        setDone(t('enabled', { name }));
        router.refresh();
      },
    }),
  );
  const reissue = useMutation(trpc.admin.reissueInvite.mutationOptions());
  const enableError = enable.error ? formErrorFrom(enable.error, tc('errorGeneric')) : null;

  return (
    <div className="flex flex-col gap-3">
      <p role="status" className="font-medium text-emerald-900">{done}</p>
      {enableError && (
        <Notice tone="error" role="alert">
          {enableError.message}
        </Notice>
      )}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full min-w-[48rem] text-left">
          <caption className="sr-only">{t('caption', { count: staff.length })}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-sm text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">{t('name')}</th>
              <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('email')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('role')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('profession')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('mayPrescribe')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('status')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => {
              const isMe = s.id === currentUserId;
              const expanded = open?.id === s.id ? open.kind : null;
              const enabling = enable.isPending && enable.variables.userId === s.id;
              const issuing = reissue.isPending && reissue.variables.userId === s.id;
              return (
                <Fragment key={s.id}>
                  <tr className="border-b border-slate-100">
                    <th scope="row" className="px-4 py-2 font-semibold">
                      {s.name} {isMe && <Badge tone="brand">{t('you')}</Badge>}
                      {/* Phones have no room for an email column: the address sits under the name. */}
                      <span className="block text-sm font-normal wrap-anywhere text-slate-700 sm:hidden">{s.email}</span>
                    </th>
                    <td className="hidden px-4 py-2 wrap-anywhere sm:table-cell">{s.email}</td>
                    <td className="px-4 py-2">{tc(`roles.${s.role}`)}</td>
                    <td className="px-4 py-2">{s.profession ? tc(`professions.${s.profession}`) : t('notApplicable')}</td>
                    <td className="px-4 py-2">
                      {s.role !== 'clinician' ? t('notApplicable') : s.mayPrescribe ? <Badge tone="brand">{t('mayPrescribeYes')}</Badge> : t('mayPrescribeNo')}
                    </td>
                    <td className="px-4 py-2">
                      <Badge tone={s.status === 'disabled' ? 'danger' : s.status === 'invited' ? 'warning' : 'neutral'}>{tc(`accountStatus.${s.status}`)}</Badge>
                    </td>
                    <td className="px-4 py-2">
                      <div className="flex flex-wrap gap-2">
                        {s.role === 'clinician' && (
                          <Button
                            id={triggerId('rights', s.id)}
                            variant="secondary"
                            aria-expanded={expanded === 'rights'}
                            onClick={() => {
                              setDone('');
                              setOpen(expanded === 'rights' ? null : { kind: 'rights', id: s.id });
                            }}
                          >
                            {t('changeRights')}
                            <span className="sr-only"> {s.name}</span>
                          </Button>
                        )}
                        {/* Nobody may lock themselves out: the server refuses it too. One button for both
                            states, so keyboard focus stays put when the account flips between them. */}
                        {!isMe && (
                          <Button
                            id={triggerId('disable', s.id)}
                            variant="secondary"
                            aria-expanded={s.status === 'disabled' ? undefined : expanded === 'disable'}
                            aria-disabled={enabling || undefined}
                            onClick={() => {
                              if (enabling) return;
                              setDone('');
                              if (s.status === 'disabled') {
                                setOpen(null);
                                enable.mutate({ userId: s.id, disabled: false });
                              } else {
                                setOpen(expanded === 'disable' ? null : { kind: 'disable', id: s.id });
                              }
                            }}
                          >
                            {enabling ? tc('saving') : s.status === 'disabled' ? t('enable') : t('disable')}
                            <span className="sr-only"> {s.name}</span>
                          </Button>
                        )}
                        {s.status === 'invited' && (
                          <Button
                            id={triggerId('invite', s.id)}
                            variant="secondary"
                            aria-disabled={issuing || undefined}
                            onClick={() => {
                              if (issuing) return;
                              setDone('');
                              setOpen({ kind: 'invite', id: s.id });
                              reissue.mutate({ userId: s.id });
                            }}
                          >
                            {issuing ? t('issuing') : t('newInvite')}
                            <span className="sr-only"> {s.name}</span>
                          </Button>
                        )}
                      </div>
                    </td>
                  </tr>
                  {expanded && (
                    <tr className="border-b border-slate-100 bg-slate-50">
                      <td colSpan={7} className="p-4">
                        {expanded === 'rights' ? (
                          <ClinicianRights
                            member={s}
                            onCancel={close}
                            onDone={(message) => {
                              setOpen(null);
                              setDone(message);
                              document.getElementById(triggerId('rights', s.id))?.focus();
                            }}
                          />
                        ) : expanded === 'disable' ? (
                          <DisableStaff
                            member={s}
                            onCancel={close}
                            onDone={(message) => {
                              setOpen(null);
                              setDone(message);
                              document.getElementById(triggerId('disable', s.id))?.focus();
                            }}
                          />
                        ) : (
                          <div className="flex flex-col gap-3">
                            <p className="font-semibold text-slate-900">{t('inviteFor', { name: s.name })}</p>
                            {reissue.isPending && <p>{tc('loading')}</p>}
                            {reissue.error && (
                              <Notice tone="error" role="alert">
                                {formErrorFrom(reissue.error, tc('errorGeneric')).message}
                              </Notice>
                            )}
                            {reissue.data && reissue.variables.userId === s.id && (
                              <InviteLink link={reissue.data.inviteLink} expiresAt={reissue.data.expiresAt} emailed={reissue.data.emailed} />
                            )}
                            <div>
                              <Button variant="secondary" onClick={close}>
                                {tc('close')}
                              </Button>
                            </div>
                          </div>
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
    </div>
  );
}

/** A clinician's profession and prescribing right; their care-team disciplines follow on the server. */
function ClinicianRights({ member, onCancel, onDone }: { member: StaffMember; onCancel: () => void; onDone: (message: string) => void }) {
  const t = useTranslations('Admin.staff');
  const tcr = useTranslations('Admin.create');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const first = useRef<HTMLSelectElement>(null);
  const [profession, setProfession] = useState<Profession>(member.profession ?? 'other');
  const [mayPrescribe, setMayPrescribe] = useState(member.mayPrescribe);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const update = useMutation(
    trpc.admin.updateClinician.mutationOptions({
      onSuccess: (result) => {
        const saved = t('rightsSaved', { name: member.name });
        onDone(result.plansWithoutPrescriber > 0 ? `${saved} ${t('rightsLeftWithout', { count: result.plansWithoutPrescriber })}` : saved);
        router.refresh();
      },
    }),
  );
  const error = update.error ? formErrorFrom(update.error, tc('errorGeneric')) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ userId: member.id, profession, mayPrescribe });
  }

  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold text-slate-900">{t('rightsLegend', { name: member.name })}</legend>
        {error && (
          <Notice tone="error" role="alert">
            {error.message}
          </Notice>
        )}
        <div className="max-w-sm">
          <SelectField
            ref={first}
            label={tcr('profession')}
            hint={tcr('professionHint')}
            name="profession"
            value={profession}
            onChange={(e) => setProfession(professionOptions.find((p) => p === e.target.value) ?? profession)}
            error={error?.fieldErrors.profession}
          >
            {professionOptions.map((p) => (
              <option key={p} value={p}>
                {tc(`professions.${p}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <CheckboxField label={tcr('mayPrescribe')} hint={tcr('mayPrescribeHint')} name="mayPrescribe" checked={mayPrescribe} onChange={(e) => setMayPrescribe(e.target.checked)} />
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

function DisableStaff({ member, onCancel, onDone }: { member: StaffMember; onCancel: () => void; onDone: (message: string) => void }) {
  const t = useTranslations('Admin.staff');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const disable = useMutation(
    trpc.admin.setDisabled.mutationOptions({
      onSuccess: () => {
        onDone(t('disabled', { name: member.name }));
        router.refresh();
      },
    }),
  );
  const error = disable.error ? formErrorFrom(disable.error, tc('errorGeneric')) : null;

  return (
    <ConfirmStep
      question={t('disableQuestion', { name: member.name })}
      consequence={t('disableConsequence')}
      confirmLabel={t('confirmDisable')}
      pendingLabel={tc('saving')}
      pending={disable.isPending}
      error={error?.message ?? null}
      onConfirm={() => disable.mutate({ userId: member.id, disabled: true })}
      onCancel={onCancel}
    />
  );
}
