'use client';
// The care team table; for members who may edit the plan, also changing a colleague's plan rights or
// removing them in place. Disciplines come from each member's account and are shown, not edited.
import { useTranslations } from 'next-intl';
import { Fragment, useId, useRef } from 'react';
import { PanelRow, RowAction, useRowPanels } from '~/app/_components/row-panels';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';
import { Badge } from '~/app/_components/ui';
import type { Discipline } from '../../options';
import { AddColleagueForm, type Colleague } from './add-colleague-form';
import { EditMember, RemoveMember } from './care-team-panels';

export interface TeamMember {
  clinicianId: string;
  name: string;
  email: string;
  discipline: Discipline;
  mayEditPlan: boolean;
}

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
  const panels = useRowPanels<'edit' | 'remove'>();
  const status = useRef<HTMLParagraphElement>(null);
  const columns = canEdit ? 5 : 4;

  const onTeam = new Set(members.map((m) => m.clinicianId));
  const candidates = directory.filter((c) => !onTeam.has(c.id));

  return (
    <div className="flex flex-col gap-4">
      <p ref={status} tabIndex={-1} role="status" className="font-medium text-emerald-900">
        {panels.done}
      </p>
      <Table caption={t('caption')} look="plain">
          <THead>
            <Th>{t('name')}</Th>
            <Th wide>{t('email')}</Th>
            <Th>{t('discipline')}</Th>
            <Th>{t('mayEdit')}</Th>
            {canEdit && <Th>{t('actions')}</Th>}
          </THead>
          <tbody>
            {members.map((m) => {
              const isMe = m.clinicianId === currentUserId;
              const expanded = panels.expanded(m.clinicianId);
              return (
                <Fragment key={m.clinicianId}>
                  <Tr>
                    <RowTh>
                      {m.name} {isMe && <Badge tone="brand">{t('you')}</Badge>}
                      {/* Phones have no room for an email column: the address sits under the name. */}
                      <span className="block text-sm font-normal wrap-anywhere text-slate-700 sm:hidden">{m.email}</span>
                    </RowTh>
                    <Td wide className="wrap-anywhere">{m.email}</Td>
                    <Td>{tc(`disciplines.${m.discipline}`)}</Td>
                    <Td>{m.mayEditPlan ? t('mayEditYes') : t('mayEditNo')}</Td>
                    {canEdit && (
                      <Td>
                        <div className="flex flex-wrap gap-2">
                          {(['edit', 'remove'] as const).map((kind) => (
                            <RowAction key={kind} id={panels.triggerId(kind, m.clinicianId)} rowName={m.name} expanded={expanded === kind} onClick={() => panels.toggle(kind, m.clinicianId)}>
                              {kind === 'edit' ? t('change') : t('remove')}
                            </RowAction>
                          ))}
                        </div>
                      </Td>
                    )}
                  </Tr>
                  {expanded && (
                    <PanelRow columns={columns}>
                      {/* After a change focus returns to its button; after a removal that row is going, so to the message. */}
                      {expanded === 'edit' ? (
                        <EditMember patientId={patientId} member={m} onCancel={panels.close} onDone={(message) => panels.finish(message)} />
                      ) : (
                        <RemoveMember patientId={patientId} member={m} isMe={isMe} onCancel={panels.close} onDone={(message) => panels.finish(message, status.current)} />
                      )}
                    </PanelRow>
                  )}
                </Fragment>
              );
            })}
          </tbody>
      </Table>
      {canEdit && (
        <section aria-labelledby={`${idPrefix}-add`} className="mt-2 border-t border-slate-200 pt-4">
          <h3 id={`${idPrefix}-add`} className="mb-3 text-base font-semibold text-slate-900">{t('addTitle')}</h3>
          {candidates.length === 0 ? (
            <p className="text-slate-700">{t('noCandidates')}</p>
          ) : (
            <AddColleagueForm patientId={patientId} candidates={candidates} onDone={panels.say} />
          )}
        </section>
      )}
    </div>
  );
}
