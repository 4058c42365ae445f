'use client';
// Comments on a plan: written by the patient or anyone on the care team. Each says who can read it (shared
// with the patient, or for the care team only), chosen by the clinician when writing; the patient's own
// are always shared, and a comment on a draft starts as care team only.
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { TextAreaField } from '~/app/_components/fields/text';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useSend } from '~/app/_components/form/use-send';
import { Badge, Button, EmptyState } from '~/app/_components/ui';
import type { VanillaApi } from '~/app/_trpc/lazy';

type Visibility = 'shared' | 'team';

export interface PlanComment {
  id: string;
  version: number;
  kind: 'comment' | 'change-request';
  body: string;
  authorName: string;
  authorRole: 'patient' | 'clinician' | 'admin';
  discipline: string | null;
  visibility: Visibility;
  createdAt: Date;
}

/** The safer default for the team: nothing said about a draft reaches the patient unless they choose so. */
export function defaultCommentVisibility(planStatus: string): Visibility {
  return planStatus === 'draft' ? 'team' : 'shared';
}

export function PlanComments({ patientId, planId, version, planStatus, viewer, comments }: {
  patientId: string;
  planId: string;
  version: number;
  planStatus: string;
  viewer: 'patient' | 'team';
  comments: PlanComment[];
}) {
  const t = useTranslations('Plan');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const radioName = useId();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>(defaultCommentVisibility(planStatus));
  const post = useSend((api, vars: Parameters<VanillaApi['plans']['comment']['mutate']>[0]) => api.plans.comment.mutate(vars), {
    onSuccess: () => {
      setBody('');
      // Each comment's readers are chosen anew.
      setVisibility(defaultCommentVisibility(planStatus));
    },
  });
  const { fieldErrors } = post;
  function submit(event: FormEvent) {
    event.preventDefault();
    post.submit({ patientId, planId, version, body, visibility: viewer === 'patient' ? 'shared' : visibility });
  }
  const draft = planStatus === 'draft';
  return (
    <div className="flex flex-col gap-4">
      {comments.length === 0 ? (
        <EmptyState title={t('commentsEmpty')} />
      ) : (
        <ul className="flex flex-col gap-3">
          {comments.map((c) => (
            <li key={c.id} className={`rounded-lg border p-3 ${c.visibility === 'team' ? 'border-amber-300' : 'border-slate-200'}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold">{c.authorName}</span>
                <Badge>{c.authorRole === 'patient' ? tc('roles.patient') : c.discipline ? tc(`disciplines.${c.discipline as 'prescriber'}`) : tc(`roles.${c.authorRole}`)}</Badge>
                <Badge tone={c.visibility === 'shared' ? 'brand' : 'warning'}>{c.visibility === 'shared' ? t('commentShared') : t('commentTeam')}</Badge>
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
        <TextAreaField
          label={t('commentLabel')}
          hint={viewer === 'patient' ? t('commentHintPatient') : t('commentHint')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={fieldErrors.body}
          maxLength={2000}
          required
        />
        {viewer === 'team' && (
          <fieldset className="flex flex-col gap-2" aria-describedby={fieldErrors.visibility ? `${radioName}-error` : undefined}>
            <legend className="mb-1 font-medium text-slate-900">{t('commentVisibility')}</legend>
            {(['team', 'shared'] as const).map((v) => (
              <label key={v} className={`flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border p-3 ${visibility === v ? (v === 'team' ? 'border-amber-500 bg-amber-50' : 'border-brand-600 bg-brand-50') : 'border-slate-300'}`}>
                <input type="radio" name={radioName} value={v} checked={visibility === v} onChange={() => setVisibility(v)} className="mt-1 h-5 w-5 shrink-0 accent-brand-700" />
                <span>
                  <span className="block font-semibold text-slate-900">{v === 'team' ? t('commentTeamChoice') : t('commentSharedChoice')}</span>
                  <span className="block text-sm text-slate-700">
                    {v === 'team' ? t('commentTeamHint') : draft ? t('commentSharedDraftHint') : t('commentSharedHint')}
                  </span>
                </span>
              </label>
            ))}
            {fieldErrors.visibility && <p id={`${radioName}-error`} className="text-sm font-medium text-red-800">{fieldErrors.visibility.join(' ')}</p>}
          </fieldset>
        )}
        <FormFeedback mutation={post} fields={['body', 'visibility']} />
        <div>
          <Button type="submit" disabled={post.isPending}>{post.isPending ? tc('saving') : t('commentSend')}</Button>
        </div>
      </form>
    </div>
  );
}
