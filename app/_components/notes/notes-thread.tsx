'use client';
// A patient's thread of notes with the form to add one or correct one. Who can read each note is shown on
// it, and chosen (by clinicians) when writing; the patient's own notes are always shared.
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { LINK_NONE, type LinkChoice, type LinkTargets } from '~/app/_components/notes/link-targets';
import { Card, EmptyState } from '~/app/_components/ui';
import type { NoteView } from '~/server/notes/service';
import { NoteForm } from './note-form';
import { NoteItem, type Viewer } from './note-item';

interface Props {
  patientId: string;
  viewer: Viewer;
  viewerId: string;
  notes: NoteView[];
  /** What a new note may link to (the patient's: only what they have seen). */
  linkTargets: LinkTargets;
  /** The link a deep link asked for, preselected in a new note's form. */
  initialLink?: LinkChoice;
  timeZone: string;
}

export function NotesThread({ patientId, viewer, viewerId, notes, linkTargets, initialLink = LINK_NONE, timeZone }: Props) {
  const t = useTranslations('Notes');
  const format = useFormatter();
  const [correcting, setCorrecting] = useState<NoteView | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const time = (at: Date) => format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const newestFirst = [...notes].reverse();
  const mayCorrect = (n: NoteView) => n.correctedBy === null && (viewer === 'clinician' || n.authorId === viewerId);

  return (
    <div className="flex flex-col gap-6">
      <div ref={formRef} tabIndex={-1} className="outline-none">
        <Card title={correcting ? t('form.correctTitle') : t('form.newTitle')}>
          <NoteForm
            key={correcting?.id ?? 'new'}
            patientId={patientId}
            viewer={viewer}
            linkTargets={linkTargets}
            initialLink={correcting ? LINK_NONE : initialLink}
            correcting={correcting}
            correctingTime={correcting ? time(correcting.createdAt) : ''}
            onDone={() => setCorrecting(null)}
          />
        </Card>
      </div>
      <Card title={t('threadTitle')}>
        {newestFirst.length === 0 ? (
          <EmptyState title={t('empty')}>{viewer === 'patient' ? t('emptyPatient') : t('emptyClinician')}</EmptyState>
        ) : (
          <ol className="flex flex-col gap-3">
            {newestFirst.map((n) => (
              <li key={n.id}>
                <NoteItem
                  note={n}
                  viewer={viewer}
                  viewerId={viewerId}
                  patientId={patientId}
                  time={time}
                  onCorrect={
                    mayCorrect(n)
                      ? () => {
                          setCorrecting(n);
                          formRef.current?.scrollIntoView({ block: 'start' });
                          formRef.current?.focus();
                        }
                      : undefined
                  }
                />
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
