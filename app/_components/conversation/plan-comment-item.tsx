'use client';
// A comment on the plan as one message of the conversation: who wrote it and in what role, who can read it,
// whether it asked for a change, and the plan version it was about, linked to the viewer's plan page.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { Badge } from '~/app/_components/ui';
import type { ConversationMessage } from '~/server/conversation/service';

export function PlanCommentItem({ message: c, viewerId, time }: { message: ConversationMessage; viewerId: string; time: (at: Date) => string }) {
  const t = useTranslations('Conversation');
  const tn = useTranslations('Notes');
  const tc = useTranslations('Common');
  const who = c.authorRole === 'patient' ? tn('patientRole') : c.authorDiscipline ? tc(`disciplines.${c.authorDiscipline}`) : tc(`roles.${c.authorRole}`);
  return (
    <article id={`comment-${c.id}`} aria-labelledby={`comment-${c.id}-head`} className={`rounded-lg border p-3 ${c.visibility === 'team' ? 'border-amber-300' : 'border-slate-200'}`}>
      <div id={`comment-${c.id}-head`} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-900">{c.authorId === viewerId ? tn('you') : c.authorName}</span>
        <Badge>{who}</Badge>
        <Badge tone={c.visibility === 'shared' ? 'brand' : 'warning'}>{c.visibility === 'shared' ? tn('shared') : tn('team')}</Badge>
        <Badge>{t('fromPlanPage')}</Badge>
        {c.commentKind === 'change-request' && <Badge tone="warning">{t('changeRequest')}</Badge>}
        <time dateTime={c.createdAt.toISOString()} className="text-slate-700">{time(c.createdAt)}</time>
      </div>
      <p className="mt-2 whitespace-pre-wrap break-words text-slate-900">{c.body}</p>
      {c.plan && (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <span className="text-slate-700">{t('about')}:</span>
          {c.link
            ? <Link href={c.link} className="font-medium text-brand-700 underline underline-offset-2">{t('planVersion', { version: c.plan.version })}</Link>
            : <span className="font-medium text-slate-900">{t('planVersion', { version: c.plan.version })}</span>}
        </p>
      )}
    </article>
  );
}
