'use client';
// The patients of an MDT meeting: each item's outcome (team-only discussion, decisions, goals, the summary the
// patient reads), dissent, whether their care team has signed, signing, and finalising with a confirm step.
// The meeting's version guards every save and every signature.
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge, Button, Card } from '~/app/_components/ui';
import { Dissents } from './dissents';
import type { ShownItem, VisibleItem } from './item';
import { ItemForm } from './item-form';
import { Finalise, Sign } from './sign-off';

export function MeetingRecord({ meetingId, title, version: serverVersion, finalised, signedByMe, heldOn, timeZone, finaliseNotBefore, items }: {
  meetingId: string;
  title: string;
  version: number;
  finalised: boolean;
  signedByMe: boolean;
  heldOn: string;
  timeZone: string;
  /** The meeting's date, written out, while it is after the viewer's today: it cannot be finalised before. */
  finaliseNotBefore: string | null;
  items: ShownItem[];
}) {
  const t = useTranslations('Mdt');
  // A save's own answer may arrive before the refresh brings the saved version from the server: use the newer.
  const [savedVersion, setVersion] = useState(0);
  const version = Math.max(serverVersion, savedVersion);

  return (
    <>
      <section aria-labelledby="mdt-agenda" className="flex flex-col gap-4">
        <h2 id="mdt-agenda" className="text-xl font-semibold text-slate-900">{t('agendaTitle')}</h2>
        {items.map((item, index) =>
          item.withheld ? (
            <div key={item.id} className="rounded-xl border border-dashed border-slate-300 bg-slate-50 p-5 text-slate-800">
              <p className="mb-2 flex flex-wrap items-center gap-2">
                <span className="font-semibold text-slate-900">{t('agendaItem', { number: index + 1 })}</span>
                <Badge tone={item.teamSigned ? 'brand' : 'warning'}>{item.teamSigned ? t('teamSigned') : t('teamNotSigned')}</Badge>
              </p>
              <p>{t('withheld')}</p>
            </div>
          ) : (
            <PatientItem key={item.id} number={index + 1} meetingId={meetingId} item={item} version={version} onSaved={setVersion} finalised={finalised} heldOn={heldOn} timeZone={timeZone} />
          ),
        )}
      </section>
      {!finalised && (
        <Card title={t('signTitle')}>
          <Sign meetingId={meetingId} version={version} signedByMe={signedByMe && version === serverVersion} />
        </Card>
      )}
      {!finalised && (
        <Card title={t('finaliseTitle')}>
          <Finalise meetingId={meetingId} title={title} version={version} notBefore={finaliseNotBefore} />
        </Card>
      )}
    </>
  );
}

function PatientItem({ number, meetingId, item, version, onSaved, finalised, heldOn, timeZone }: {
  number: number;
  meetingId: string;
  item: VisibleItem;
  version: number;
  onSaved: (version: number) => void;
  finalised: boolean;
  heldOn: string;
  timeZone: string;
}) {
  const t = useTranslations('Mdt');
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const [editing, setEditing] = useState(!finalised && item.recordedAt === null);
  const headingId = `item-${item.id}`;

  return (
    <article aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm font-medium text-slate-700">{t('agendaItem', { number })}</p>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-lg font-semibold text-slate-900">{item.name}</h3>
        {item.agendaReasons.map((r) => <Badge key={r} tone={r === 'urgent' ? 'danger' : r === 'decision-due' ? 'brand' : 'neutral'}>{t(`reasons.${r}`)}</Badge>)}
      </div>
      <p className="mb-3">
        <Badge tone={item.teamSigned ? 'brand' : 'warning'}>
          {item.teamSigned ? t('signedBy', { names: item.signedByNames.join(', ') }) : t('notSignedByTeam')}
        </Badge>
      </p>
      {editing && !finalised ? (
        <ItemForm meetingId={meetingId} item={item} version={version} heldOn={heldOn} onSaved={(v) => { onSaved(v); setEditing(false); }} onCancel={item.recordedAt ? () => setEditing(false) : undefined} />
      ) : (
        <div className="flex flex-col gap-3">
          {item.recordedAt === null ? (
            <p className="text-slate-700">{t('notRecorded')}</p>
          ) : (
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium text-slate-700">{t('discussion')} <Badge>{t('teamOnly')}</Badge></dt>
              <dd className="whitespace-pre-line">{item.discussion || t('empty')}</dd>
              <dt className="font-medium text-slate-700">{t('decisions')}</dt>
              <dd className="whitespace-pre-line">{item.decisions}</dd>
              <dt className="font-medium text-slate-700">{t('goalsReset')}</dt>
              <dd className="whitespace-pre-line">{item.goalsReset || t('empty')}</dd>
              <dt className="font-medium text-slate-700">{t('sharedSummary')} <Badge tone="brand">{t('patientReads')}</Badge></dt>
              <dd className="whitespace-pre-line">{item.sharedSummary}</dd>
              <dt className="font-medium text-slate-700">{t('nextReviewOn')}</dt>
              <dd>{item.nextReviewText ?? t('noNextReview')}</dd>
            </dl>
          )}
          {item.recordedAt && item.recordedByName && <p className="text-sm text-slate-700">{t('recordedBy', { name: item.recordedByName, when: when(item.recordedAt) })}</p>}
          {!finalised && item.recordedAt && (
            <div>
              <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`${t('editItem')}: ${item.name}`}>{t('editItem')}</Button>
            </div>
          )}
        </div>
      )}
      <Dissents meetingId={meetingId} item={item} finalised={finalised} when={when} />
    </article>
  );
}
