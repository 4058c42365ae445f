'use client';
// A patient's conversation with the form to write to it: notes and plan comments in one thread, newest
// first, each marked shared or care team only. One composer: a note (the care team chooses its readers,
// care team only by default; the patient's own are always shared), or a correction of a note.
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { LINK_NONE, type LinkChoice, type LinkTargets } from '~/app/_components/notes/link-targets';
import { NoteForm } from '~/app/_components/notes/note-form';
import { NoteItem, type Viewer } from '~/app/_components/notes/note-item';
import { Card, EmptyState } from '~/app/_components/ui';
import type { ConversationMessage } from '~/server/conversation/service';
import type { NoteView } from '~/server/notes/service';
import { PlanCommentItem } from './plan-comment-item';

interface Props {
  patientId: string;
  viewer: Viewer;
  viewerId: string;
  messages: ConversationMessage[];
  /** What a new message may link to (the patient's: only what they have seen). */
  linkTargets: LinkTargets;
  /** The link a deep link asked for, preselected in a new message's form. */
  initialLink?: LinkChoice;
  timeZone: string;
}

export function ConversationThread({ patientId, viewer, viewerId, messages, linkTargets, initialLink = LINK_NONE, timeZone }: Props) {
  const t = useTranslations('Conversation');
  const tn = useTranslations('Notes');
  const format = useFormatter();
  const [correcting, setCorrecting] = useState<NoteView | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const time = (at: Date) => format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const newestFirst = [...messages].reverse();
  const mayCorrect = (m: ConversationMessage) => m.source === 'note' && m.correctedBy === null && (viewer === 'clinician' || m.authorId === viewerId);

  return (
    <div className="flex flex-col gap-6">
      <div ref={formRef} tabIndex={-1} className="outline-none">
        <Card title={correcting ? tn('form.correctTitle') : t('composerTitle')}>
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
            {newestFirst.map((m) => (
              <li key={`${m.source}-${m.id}`}>
                {m.source === 'plan-comment' ? (
                  <PlanCommentItem message={m} viewerId={viewerId} time={time} />
                ) : (
                  <NoteItem
                    note={m}
                    viewer={viewer}
                    viewerId={viewerId}
                    patientId={patientId}
                    time={time}
                    onCorrect={
                      mayCorrect(m)
                        ? () => {
                            setCorrecting(m);
                            formRef.current?.scrollIntoView({ block: 'start' });
                            formRef.current?.focus();
                          }
                        : undefined
                    }
                  />
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
