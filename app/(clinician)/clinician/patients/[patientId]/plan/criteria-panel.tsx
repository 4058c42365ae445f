'use client';
// The plan's stop-go criteria: the rules in words for the whole team, and for plan editors an editor to
// add, change and remove rules, saved as a new version with a reason (a stale version is refused).
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { ruleText } from '~/app/_components/triage/criterion-text';
import type { CriterionRule } from '~/app/_components/triage/types';
import { Button, Notice } from '~/app/_components/ui';
import type { CriterionAction } from '~/lib/criteria/types';
import { CriteriaEditor } from './criteria-editor';

const alertOnly: readonly CriterionAction[] = ['urgent', 'notify'];

export function CriteriaPanel({
  patientId,
  planId,
  version,
  criteria,
  canEdit,
}: {
  patientId: string;
  planId: string;
  version: number;
  criteria: CriterionRule[];
  canEdit: boolean;
}) {
  const t = useTranslations('Criteria');
  const format = useFormatter();
  // The version the editor was opened on; null when not editing.
  const [editingVersion, setEditingVersion] = useState<number | null>(null);
  // The criteria changed under an open editor (after a conflict, "show the latest" refreshes them):
  // back to the latest rules in words, with a word that the edits were not saved.
  const overtaken = editingVersion !== null && editingVersion !== version;
  const editing = editingVersion !== null && !overtaken;
  const [saved, setSaved] = useState<number | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    // The editor (and the button that refreshed it) is gone: the message is where the reader is taken.
    if (overtaken) status.current?.focus();
  }, [overtaken]);
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  return (
    <div className="flex flex-col gap-4">
      <p className="max-w-3xl text-slate-700">{t('intro')}</p>
      <div ref={status} tabIndex={-1} role="status">
        {saved !== null && !editing && <Notice tone="success">{t('saved', { version: saved })}</Notice>}
        {overtaken && <Notice tone="info">{t('overtaken', { version })}</Notice>}
      </div>
      {editing ? (
        // Keyed by version: after a save (or someone else's) the editor starts from the latest rules.
        <CriteriaEditor
          key={version}
          patientId={patientId}
          planId={planId}
          version={version}
          criteria={criteria}
          onCancel={() => {
            returnFocus.current = true;
            setEditingVersion(null);
          }}
          onSaved={(v) => {
            setSaved(v);
            setEditingVersion(null);
            status.current?.focus();
          }}
        />
      ) : (
        <>
          <p className="text-sm text-slate-700">{t('version', { version })}</p>
          {criteria.length === 0 ? (
            <p className="text-slate-700">{t('empty')}</p>
          ) : (
            <ol className="flex flex-col gap-2">
              {criteria.map((c) => {
                const sentence = ruleText(c, t, format);
                return (
                  <li key={c.id} className="rounded-lg border border-slate-200 px-4 py-3">
                    <p className="font-semibold text-slate-900">{sentence}</p>
                    {c.label.trim() !== '' && c.label !== sentence && <p className="text-slate-700">{t('labelShown', { label: c.label })}</p>}
                    {alertOnly.includes(c.action) && <p className="text-sm text-slate-700">{t('alertOnly')}</p>}
                  </li>
                );
              })}
            </ol>
          )}
          {canEdit && (
            <div>
              <Button
                ref={editButton}
                variant="secondary"
                onClick={() => {
                  setSaved(null);
                  setEditingVersion(version);
                }}
              >
                {t('edit')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
