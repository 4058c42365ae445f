'use client';
// The staff list with its per-person actions: a clinician's profession and prescribing right, disable (after
// a confirm step), enable, and a new invite link.
import { useTranslations } from 'next-intl';
import { Fragment } from 'react';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { PanelRow, RowAction, useRowPanels } from '~/app/_components/row-panels';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';
import { Badge, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { Profession } from './options';
import { ClinicianRights, DisableStaff, InvitePanel, ResetTwoStep } from './staff-panels';

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: 'patient' | 'clinician' | 'admin';
  status: 'invited' | 'active' | 'disabled';
  profession: Profession | null;
  mayPrescribe: boolean;
  /** Has a confirmed authenticator (two-step sign-in). */
  twoStep: boolean;
}

export function StaffTable({ staff, currentUserId }: { staff: StaffMember[]; currentUserId: string }) {
  const t = useTranslations('Admin.staff');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const panels = useRowPanels<'disable' | 'invite' | 'rights' | 'two-step'>();

  const enable = useFormMutation(trpc.admin.setDisabled.mutationOptions(), {
    onSuccess: (_result, input) => {
      const name = staff.find((s) => s.id === input.userId)?.name ?? '';
      panels.finish(t('enabled', { name }), 'none');
    },
  });
  const reissue = useFormMutation(trpc.admin.reissueInvite.mutationOptions(), { refresh: false });

  return (
    <div className="flex flex-col gap-3">
      <p role="status" className="font-medium text-emerald-900">{panels.done}</p>
      {enable.error && (
        <Notice tone="error" role="alert">
          {enable.error.message}
        </Notice>
      )}
      <Table caption={t('caption', { count: staff.length })} minWidth="54rem">
        <THead>
          <Th>{t('name')}</Th>
          <Th wide>{t('email')}</Th>
          <Th>{t('role')}</Th>
          <Th>{t('profession')}</Th>
          <Th>{t('mayPrescribe')}</Th>
          <Th>{t('status')}</Th>
          <Th>{t('twoStep')}</Th>
          <Th>{t('actions')}</Th>
        </THead>
        <tbody>
          {staff.map((s) => {
            const isMe = s.id === currentUserId;
            const expanded = panels.expanded(s.id);
            const enabling = enable.isPending && enable.variables?.userId === s.id;
            const issuing = reissue.isPending && reissue.variables?.userId === s.id;
            return (
              <Fragment key={s.id}>
                <Tr>
                  <RowTh>
                    {s.name} {isMe && <Badge tone="brand">{t('you')}</Badge>}
                    {/* Phones have no room for an email column: the address sits under the name. */}
                    <span className="block text-sm font-normal wrap-anywhere text-slate-700 sm:hidden">{s.email}</span>
                  </RowTh>
                  <Td wide className="wrap-anywhere">{s.email}</Td>
                  <Td>{tc(`roles.${s.role}`)}</Td>
                  <Td>{s.profession ? tc(`professions.${s.profession}`) : t('notApplicable')}</Td>
                  <Td>
                    {s.role !== 'clinician' ? t('notApplicable') : s.mayPrescribe ? <Badge tone="brand">{t('mayPrescribeYes')}</Badge> : t('mayPrescribeNo')}
                  </Td>
                  <Td>
                    <Badge tone={s.status === 'disabled' ? 'danger' : s.status === 'invited' ? 'warning' : 'neutral'}>{tc(`accountStatus.${s.status}`)}</Badge>
                  </Td>
                  <Td>{s.twoStep ? <Badge tone="brand">{t('twoStepOn')}</Badge> : t('twoStepOff')}</Td>
                  <Td>
                    <div className="flex flex-wrap gap-2">
                      {s.role === 'clinician' && (
                        <RowAction id={panels.triggerId('rights', s.id)} rowName={s.name} expanded={expanded === 'rights'} onClick={() => panels.toggle('rights', s.id)}>
                          {t('changeRights')}
                        </RowAction>
                      )}
                      {/* Nobody may lock themselves out: the server refuses it too. One button for both
                          states, so keyboard focus stays put when the account flips between them. */}
                      {!isMe && (
                        <RowAction
                          id={panels.triggerId('disable', s.id)}
                          rowName={s.name}
                          expanded={s.status === 'disabled' ? undefined : expanded === 'disable'}
                          busy={enabling}
                          onClick={() => {
                            if (s.status === 'disabled') {
                              panels.clear();
                              enable.submit({ userId: s.id, disabled: false });
                            } else {
                              panels.toggle('disable', s.id);
                            }
                          }}
                        >
                          {enabling ? tc('saving') : s.status === 'disabled' ? t('enable') : t('disable')}
                        </RowAction>
                      )}
                      {s.twoStep && !isMe && (
                        <RowAction id={panels.triggerId('two-step', s.id)} rowName={s.name} expanded={expanded === 'two-step'} onClick={() => panels.toggle('two-step', s.id)}>
                          {t('twoStepReset')}
                        </RowAction>
                      )}
                      {s.status === 'invited' && (
                        <RowAction
                          id={panels.triggerId('invite', s.id)}
                          rowName={s.name}
                          busy={issuing}
                          onClick={() => {
                            panels.show('invite', s.id);
                            reissue.submit({ userId: s.id });
                          }}
                        >
                          {issuing ? t('issuing') : t('newInvite')}
                        </RowAction>
                      )}
                    </div>
                  </Td>
                </Tr>
                {expanded && (
                  <PanelRow columns={8}>
                    {expanded === 'rights' ? (
                      <ClinicianRights member={s} onCancel={panels.close} onDone={(message) => panels.finish(message)} />
                    ) : expanded === 'two-step' ? (
                      <ResetTwoStep member={s} onCancel={panels.close} onDone={(message) => panels.finish(message)} />
                    ) : expanded === 'disable' ? (
                      <DisableStaff member={s} onCancel={panels.close} onDone={(message) => panels.finish(message)} />
                    ) : (
                      <InvitePanel member={s} reissue={reissue} onClose={panels.close} />
                    )}
                  </PanelRow>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
