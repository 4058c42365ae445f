'use client';
// A new MDT meeting: date, title, the creator's discipline, the patients from the agenda (or added), and attendees.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { CheckboxField, SelectField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button, EmptyState, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';

const disciplines = ['prescriber', 'physiotherapist', 'nurse', 'pharmacist', 'psychologist', 'other'] as const;
type Discipline = (typeof disciplines)[number];
const asDiscipline = (value: string): Discipline => disciplines.find((d) => d === value) ?? 'other';
type Reason = 'urgent' | 'decision-due' | 'not-reviewed' | 'added';

interface AgendaEntry {
  patientId: string;
  name: string;
  reasons: Reason[];
  lastReviewedOn: string | null;
}

export function NewMeetingForm({ today, agenda, patients, colleagues, myDiscipline: initialDiscipline }: {
  today: string;
  agenda: AgendaEntry[];
  patients: { patientId: string; name: string }[];
  /** Each with the discipline their account gives them: what they attend as unless the creator says otherwise. */
  colleagues: { id: string; name: string; discipline: Discipline }[];
  myDiscipline: Discipline;
}) {
  const t = useTranslations('Mdt');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [heldOn, setHeldOn] = useState(today);
  const [title, setTitle] = useState('');
  const [myDiscipline, setMyDiscipline] = useState<Discipline>(initialDiscipline);
  const [entries, setEntries] = useState<AgendaEntry[]>(agenda);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(agenda.map((a) => a.patientId)));
  const [toAdd, setToAdd] = useState('');
  const [attendees, setAttendees] = useState<Map<string, Discipline>>(new Map());
  const create = useFormMutation(trpc.mdt.create.mutationOptions(), { refresh: false, onSuccess: ({ meetingId }) => router.push(`/clinician/mdt/${meetingId}`) });
  const { error } = create;

  const others = patients.filter((p) => !entries.some((e) => e.patientId === p.patientId));

  function toggle(patientId: string, on: boolean) {
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(patientId);
      else next.delete(patientId);
      return next;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fieldErrors: Record<string, string[]> = {};
    if (title.trim().length < 3) fieldErrors.title = [t('titleMissing')];
    if (chosen.size === 0) fieldErrors.patientIds = [t('patientsMissing')];
    if (Object.keys(fieldErrors).length) {
      create.fail({ message: Object.values(fieldErrors)[0]?.[0] ?? '', fieldErrors });
      return;
    }
    create.submit({
      heldOn,
      title,
      myDiscipline,
      attendees: [...attendees.entries()].map(([clinicianId, discipline]) => ({ clinicianId, discipline })),
      patientIds: entries.filter((e) => chosen.has(e.patientId)).map((e) => e.patientId),
    });
  }

  const known = ['title', 'heldOn', 'patientIds', 'attendees', 'myDiscipline'];
  const general = error && !known.some((k) => error.fieldErrors[k]);
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5">
      <p className="max-w-3xl text-slate-700">{t('newIntro')}</p>
      <div className="grid max-w-3xl gap-4 sm:grid-cols-3">
        <TextField label={t('heldOn')} name="heldOn" type="date" required value={heldOn} onChange={(e) => setHeldOn(e.target.value)} error={error?.fieldErrors.heldOn} />
        <TextField label={t('meetingTitle')} hint={t('meetingTitleHint')} name="title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={error?.fieldErrors.title} />
        <SelectField label={t('myDiscipline')} name="myDiscipline" value={myDiscipline} onChange={(e) => setMyDiscipline(asDiscipline(e.target.value))}>
          {disciplines.map((d) => <option key={d} value={d}>{tc(`disciplines.${d}`)}</option>)}
        </SelectField>
      </div>

      <fieldset aria-describedby={error?.fieldErrors.patientIds ? `${id}-patients-error` : undefined}>
        <legend className="mb-2 font-semibold text-slate-900">{t('agendaLegend')}</legend>
        {entries.length === 0 ? (
          <EmptyState title={t('agendaEmpty')} />
        ) : (
          <ul className="flex flex-col gap-3">
            {entries.map((e) => (
              <li key={e.patientId} className="rounded-lg border border-slate-200 p-3">
                <CheckboxField
                  label={e.name}
                  name="patientIds"
                  value={e.patientId}
                  checked={chosen.has(e.patientId)}
                  onChange={(ev) => toggle(e.patientId, ev.target.checked)}
                  hint={[...e.reasons.map((r) => t(`reasons.${r}`)), e.reasons.includes('not-reviewed') ? (e.lastReviewedOn ? t('lastReviewed', { date: e.lastReviewedOn }) : t('neverReviewed')) : null]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </li>
            ))}
          </ul>
        )}
        {error?.fieldErrors.patientIds && <p id={`${id}-patients-error`} className="mt-2 text-sm font-medium text-red-800">{error.fieldErrors.patientIds.join(' ')}</p>}
        {others.length > 0 && (
          <div className="mt-3 flex max-w-xl flex-wrap items-end gap-2">
            <div className="min-w-60 flex-1">
              <SelectField label={t('addOther')} name="addOther" value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
                <option value="">{t('addOtherNone')}</option>
                {others.map((p) => <option key={p.patientId} value={p.patientId}>{p.name}</option>)}
              </SelectField>
            </div>
            <Button
              variant="secondary"
              disabled={!toAdd}
              onClick={() => {
                const p = others.find((o) => o.patientId === toAdd);
                if (!p) return;
                setEntries((prev) => [...prev, { patientId: p.patientId, name: p.name, reasons: ['added'], lastReviewedOn: null }]);
                toggle(p.patientId, true);
                setToAdd('');
              }}
            >
              {t('addOtherButton')}
            </Button>
          </div>
        )}
      </fieldset>

      {colleagues.length > 0 && (
        <fieldset>
          <legend className="mb-1 font-semibold text-slate-900">{t('attendeesLegend')}</legend>
          <p className="mb-2 max-w-3xl text-sm text-slate-700">{t('attendeesHint')}</p>
          <ul className="grid gap-3 md:grid-cols-2">
            {colleagues.map((c) => {
              const discipline = attendees.get(c.id);
              return (
                <li key={c.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3">
                  <CheckboxField
                    label={t('attendee', { name: c.name })}
                    name="attendees"
                    value={c.id}
                    checked={discipline !== undefined}
                    onChange={(ev) =>
                      setAttendees((prev) => {
                        const next = new Map(prev);
                        if (ev.target.checked) next.set(c.id, c.discipline);
                        else next.delete(c.id);
                        return next;
                      })
                    }
                  />
                  {discipline !== undefined && (
                    <SelectField
                      label={t('attendeeDiscipline', { name: c.name })}
                      name={`discipline-${c.id}`}
                      value={discipline}
                      onChange={(ev) => setAttendees((prev) => new Map(prev).set(c.id, asDiscipline(ev.target.value)))}
                    >
                      {disciplines.map((d) => <option key={d} value={d}>{tc(`disciplines.${d}`)}</option>)}
                    </SelectField>
                  )}
                </li>
              );
            })}
          </ul>
          {error?.fieldErrors.attendees && <p className="mt-2 text-sm font-medium text-red-800">{error.fieldErrors.attendees.join(' ')}</p>}
        </fieldset>
      )}

      <div role="alert">{general && <Notice tone="error">{error.message}</Notice>}</div>
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('creating') : t('create')}
        </Button>
      </div>
    </form>
  );
}
