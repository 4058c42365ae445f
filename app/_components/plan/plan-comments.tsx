'use client';
// Comments on a plan: written by the patient or anyone on the care team, seen by all of them.
import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { Badge, Button, EmptyState, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';

export interface PlanComment {
  id: string;
  version: number;
  kind: 'comment' | 'change-request';
  body: string;
  authorName: string;
  authorRole: 'patient' | 'clinician' | 'admin';
  discipline: string | null;
  createdAt: Date;
}

export function PlanComments({ patientId, planId, version, comments }: { patientId: string; planId: string; version: number; comments: PlanComment[] }) {
  const t = useTranslations('Plan');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const post = useMutation(trpc.plans.comment.mutationOptions({
    onSuccess: () => {
      setBody('');
      setError(null);
      router.refresh();
    },
    onError: (e) => setError(formErrorFrom(e, tc('errorGeneric'))),
  }));
  function submit(event: FormEvent) {
    event.preventDefault();
    post.mutate({ patientId, planId, version, body });
  }
  return (
    <div className="flex flex-col gap-4">
      {comments.length === 0 ? (
        <EmptyState title={t('commentsEmpty')} />
      ) : (
        <ul className="flex flex-col gap-3">
          {comments.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 p-3">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold">{c.authorName}</span>
                <Badge>{c.authorRole === 'patient' ? tc('roles.patient') : c.discipline ? tc(`disciplines.${c.discipline as 'prescriber'}`) : tc(`roles.${c.authorRole}`)}</Badge>
                {c.kind === 'change-request' && <Badge tone="warning">{t('changeRequestBadge')}</Badge>}
                <span className="text-slate-700">
                  {format.dateTime(c.createdAt, { dateStyle: 'medium', timeStyle: 'short' })} · {t('commentOn', { version: c.version })}
                </span>
              </div>
              <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="flex flex-col gap-3">
        <TextAreaField label={t('commentLabel')} hint={t('commentHint')} value={body} onChange={(e) => setBody(e.target.value)} error={error?.fieldErrors.body} maxLength={2000} required />
        <div role="alert">{error && !error.fieldErrors.body && <Notice tone="error">{error.message}</Notice>}</div>
        <div>
          <Button type="submit" disabled={post.isPending}>{post.isPending ? tc('saving') : t('commentSend')}</Button>
        </div>
      </form>
    </div>
  );
}
