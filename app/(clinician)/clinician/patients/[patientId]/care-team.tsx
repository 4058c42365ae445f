'use client';
// The care team table; for members who may edit the plan, also changing a colleague's plan rights or
// removing them in place. Disciplines come from each member's account and are shown, not edited.
import { useTranslations } from 'next-intl';
import { Fragment, useId, useRef } from 'react';
import { PanelRow, RowAction, useRowPanels } from '~/app/_components/row-panels';
import { Tr } from '~/app/_components/table';
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
              const expanded = panels.expanded(m.clinicianId);
              return (
                <Fragment key={m.clinicianId}>
                  <Tr>
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
                          {(['edit', 'remove'] as const).map((kind) => (
                            <RowAction key={kind} id={panels.triggerId(kind, m.clinicianId)} rowName={m.name} expanded={expanded === kind} onClick={() => panels.toggle(kind, m.clinicianId)}>
                              {kind === 'edit' ? t('change') : t('remove')}
                            </RowAction>
                          ))}
                        </div>
                      </td>
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
        </table>
      </div>
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
