'use client';
// One note in a patient's thread: who wrote it and in what role, who can read it, what it corrects or was
// corrected by, and what it links to (for the patient, only what they can open).
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { Badge, Button } from '~/app/_components/ui';
import type { NoteView } from '~/server/notes/service';

export type Viewer = 'patient' | 'clinician';

function VisibilityBadge({ visibility }: { visibility: NoteView['visibility'] }) {
  const t = useTranslations('Notes');
  return <Badge tone={visibility === 'shared' ? 'brand' : 'warning'}>{visibility === 'shared' ? t('shared') : t('team')}</Badge>;
}

export function NoteItem({ note: n, viewer, viewerId, patientId, time, onCorrect }: {
  note: NoteView; viewer: Viewer; viewerId: string; patientId: string; time: (at: Date) => string; onCorrect?: () => void;
}) {
  const t = useTranslations('Notes');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const base = viewer === 'patient' ? '/patient' : `/clinician/patients/${patientId}`;
  const who = n.authorRole === 'patient' ? t('patientRole') : n.authorDiscipline ? tc(`disciplines.${n.authorDiscipline}`) : tc(`roles.${n.authorRole}`);
  const links: { key: string; label: string; href?: string }[] = [];
  if (n.plan) links.push({ key: 'plan', label: t('links.plan', { version: n.plan.version }), href: `${base}/plan` });
  if (n.alert && viewer === 'clinician') links.push({ key: 'alert', label: t('links.alert', { date: time(n.alert.createdAt) }), href: `${base}#alert-${n.alert.id}` });
  // Weekly reviews are the care team's page (the patient's reviews page holds team reviews only): the patient gets the name alone.
  if (n.weeklyReview) links.push({ key: 'review', label: t('links.weeklyReview', { from: day(n.weeklyReview.periodStart), to: day(n.weeklyReview.periodEnd) }), href: viewer === 'clinician' ? `${base}/review#review-${n.weeklyReview.id}` : undefined });
  if (n.mdtItem) links.push({ key: 'mdt', label: t('links.mdtItem', { date: day(n.mdtItem.heldOn) }), href: viewer === 'patient' ? `/patient/reviews#review-${n.mdtItem.id}` : `/clinician/mdt/${n.mdtItem.meetingId}` });

  return (
    <article id={`note-${n.id}`} aria-labelledby={`note-${n.id}-head`} className={`rounded-lg border p-3 ${n.correctedBy ? 'border-slate-300 bg-slate-50' : n.visibility === 'team' ? 'border-amber-300' : 'border-slate-200'}`}>
      <div id={`note-${n.id}-head`} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-900">{n.authorId === viewerId ? t('you') : n.authorName}</span>
        <Badge>{who}</Badge>
        <VisibilityBadge visibility={n.visibility} />
        {n.correctedBy && <Badge tone="danger">{t('corrected')}</Badge>}
        <time dateTime={n.createdAt.toISOString()} className="text-slate-700">{time(n.createdAt)}</time>
      </div>
      {n.corrects && (
        <p className="mt-1 text-sm text-slate-800">
          <a href={`#note-${n.corrects.id}`} className="font-medium text-brand-700 underline underline-offset-2">{t('corrects', { time: time(n.corrects.createdAt) })}</a>
        </p>
      )}
      <p className={`mt-2 whitespace-pre-wrap break-words ${n.correctedBy ? 'text-slate-700' : 'text-slate-900'}`}>{n.body}</p>
      {n.correctedBy && (
        <p className="mt-2 text-sm font-medium text-slate-800">
          <a href={`#note-${n.correctedBy.id}`} className="text-brand-700 underline underline-offset-2">{t('correctedBy', { time: time(n.correctedBy.createdAt) })}</a>
        </p>
      )}
      {links.length > 0 && (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <span className="text-slate-700">{t('links.label')}:</span>
          {links.map((l) => (
            l.href
              ? <Link key={l.key} href={l.href} className="font-medium text-brand-700 underline underline-offset-2">{l.label}</Link>
              : <span key={l.key} className="font-medium text-slate-900">{l.label}</span>
          ))}
        </p>
      )}
      {onCorrect && (
        <div className="mt-2">
          <Button variant="ghost" className="min-h-11 px-0" onClick={onCorrect}>{t('form.correct')}</Button>
        </div>
      )}
    </article>
  );
}
