'use client';
// The taper parameters form: builds a TaperInput and previews the engine's proposed schedule as it changes.
// The draft and its changes live in taper-draft.ts; each card of the form is a section component.
import { useTranslations } from 'next-intl';
import { useDeferredValue, useEffect, useEffectEvent, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Notice } from '~/app/_components/ui';
import { DEFAULT_STOP_CEILING_MG, defaultStopAtMg, tableFor } from '~/lib/taper/engine';
import type { Formulation, PatientFacts, TaperInput } from '~/lib/taper/types';
import { PaceSection } from './pace-section';
import { ProductsSection } from './products-section';
import { RegimenSection } from './regimen-section';
import { StrategySection } from './strategy-section';
import { addProduct, draftFrom, errorsAt, inputFrom, newKey, validTimes, type Draft, type DraftUpdate } from './taper-draft';
import { previewOf, stateOf, type TaperPreviewState } from './taper-preview';
import type { EngineErrorTranslator } from './engine-error-text';
import { TaperPreviewSection } from './taper-preview-section';

export type { TaperPreviewState } from './taper-preview';

export interface TaperInputFormProps {
  /** The starting values (for example the plan's current input); later changes to it are ignored: remount with a `key` to reset. */
  initial?: TaperInput;
  patient: PatientFacts;
  /** ISO date for the first reduction when `initial` gives none. */
  defaultStartDate: string;
  onChange?: (input: TaperInput, state: TaperPreviewState) => void;
  /** The form renders its own <form>: Enter or a submit button in `children` calls this. */
  onSubmit?: (input: TaperInput, state: TaperPreviewState) => void;
  /** Server errors keyed by field path ('currentDailyMg', 'strategy.percent', 'formulations.0'; an 'input.' prefix is accepted). */
  fieldErrors?: Record<string, string[]>;
  /** Heading level of the preview section, to fit the page's outline. */
  headingLevel?: 2 | 3;
  children?: ReactNode;
}

export function TaperInputForm({ initial, patient, defaultStartDate, onChange, onSubmit, fieldErrors, headingLevel = 2, children }: TaperInputFormProps) {
  const t = useTranslations('Taper');
  const te = useTranslations('EngineErrors') as EngineErrorTranslator;
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(initial, defaultStartDate));
  const update: DraftUpdate = setDraft;
  const pendingFocus = useRef<string | null>(null);
  const focusLater = (target: string | null) => {
    pendingFocus.current = target;
  };

  const input = useMemo(() => inputFrom(draft), [draft]);
  // The preview may lag a keystroke behind so typing stays quick on slow phones; the parent gets the pair that matches.
  const deferredDraft = useDeferredValue(draft);
  const deferredInput = useMemo(() => inputFrom(deferredDraft), [deferredDraft]);
  const { hasIntrathecalPump, renalFunction } = patient;
  const facts = useMemo<PatientFacts>(() => ({ hasIntrathecalPump, renalFunction }), [hasIntrathecalPump, renalFunction]);
  const preview = useMemo(() => previewOf(deferredInput, deferredDraft.currentDailyMg, facts, t, te), [deferredInput, deferredDraft.currentDailyMg, facts, t, te]);
  const state = useMemo(() => stateOf(preview), [preview]);
  // The threshold the engine uses when the field is left empty, for its hint; 5 until the settings allow one.
  const defaultStop = useMemo(() => {
    if (preview.kind !== 'schedule') return DEFAULT_STOP_CEILING_MG;
    return defaultStopAtMg(tableFor(deferredInput), deferredInput);
  }, [preview, deferredInput]);

  const notify = useEffectEvent((value: TaperInput, s: TaperPreviewState) => onChange?.(value, s));
  useEffect(() => {
    if (!hasIntrathecalPump) notify(deferredInput, state);
  }, [deferredInput, state, hasIntrathecalPump]);

  // Moves focus to a row just added (or the neighbour of one removed) once it is on screen.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    document.getElementById(target)?.focus();
  });

  if (hasIntrathecalPump) {
    return (
      <Notice tone="warning" title={t('form.pumpTitle')}>
        {t('form.pumpBody')}
      </Notice>
    );
  }

  const engine = preview.kind === 'error' ? { field: preview.field, message: preview.message } : {};
  const errorsFor = (path: string, nested = false) => errorsAt(fieldErrors, engine, path, nested);

  /** The advisor's one click: the product joins the list, and the preview shows the schedule with it. */
  function addAdvised(f: Formulation) {
    update((d) => addProduct(d, f, newKey()));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The preview may still be a keystroke behind: judge exactly what is being submitted.
    onSubmit?.(input, deferredDraft === draft ? state : stateOf(previewOf(input, draft.currentDailyMg, facts, t, te)));
  }

  const sections = { formId: id, draft, update, errorsFor, focusLater };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6">
      <RegimenSection {...sections} engine={engine} validTimes={validTimes(input)} />
      <ProductsSection {...sections} />
      <StrategySection draft={draft} update={update} errorsFor={errorsFor} />
      <PaceSection draft={draft} update={update} errorsFor={errorsFor} defaultStop={defaultStop} />
      <TaperPreviewSection preview={preview} input={deferredInput} patient={facts} onAddProduct={addAdvised} headingLevel={headingLevel} />
      {children}
    </form>
  );
}
