'use client';
// The staff list with its per-person actions: disable (after a confirm step), enable, and a new invite link.
import { ConfirmStep } from '~/app/_components/confirm-step';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Fragment, useId, useState } from 'react';
import { InviteLink } from '~/app/_components/invite-link';
import { Badge, Button, Notice } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: 'patient' | 'clinician' | 'admin';
  status: 'invited' | 'active' | 'disabled';
}

type Open = { kind: 'disable' | 'invite'; id: string } | null;

export function StaffTable({ staff, currentUserId }: { staff: StaffMember[]; currentUserId: string }) {
  const t = useTranslations('Admin.staff');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const idPrefix = useId();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState('');

  const triggerId = (kind: 'disable' | 'invite', id: string) => `${idPrefix}-${kind}-${id}`;
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
        <table className="w-full min-w-[40rem] text-left">
          <caption className="sr-only">{t('caption', { count: staff.length })}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-sm text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">{t('name')}</th>
              <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('email')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('role')}</th>
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
                    <td className="px-4 py-2">
                      <Badge tone={s.status === 'disabled' ? 'danger' : s.status === 'invited' ? 'warning' : 'neutral'}>{tc(`accountStatus.${s.status}`)}</Badge>
                    </td>
                    <td className="px-4 py-2">
                      <div className="flex flex-wrap gap-2">
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
                      <td colSpan={5} className="p-4">
                        {expanded === 'disable' ? (
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
