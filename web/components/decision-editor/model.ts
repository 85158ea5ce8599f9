/** The state of the decision editor and its way to and from the API's decision (no components: the forms' models use it). */
import type { Localized } from '../../../worker/shared/text';

export interface DecisionStepState {
  /** The Finnish name; Swedish and English ones are kept as they are. */
  title: string;
  sv: string | null;
  en: string | null;
  days: string;
}

export interface DecisionState {
  on: boolean;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  steps: DecisionStepState[];
}

interface StoredDecision {
  title: Localized;
  steps: { title: Localized; workingDaysBefore: number }[];
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** The editor's state of a stored decision (none: switched off, empty). */
export function decisionStateOf(decision: StoredDecision | null | undefined): DecisionState {
  return {
    on: Boolean(decision),
    titleFi: decision?.title.fi ?? '',
    titleSv: decision?.title.sv ?? '',
    titleEn: decision?.title.en ?? '',
    // Stored earliest first: the step most working days before comes first.
    steps: decision?.steps.map((step) => ({ title: step.title.fi, sv: step.title.sv, en: step.title.en, days: String(step.workingDaysBefore) })) ?? [],
  };
}

/** The decision as the API takes it; null when switched off. */
export function decisionInputOf(state: DecisionState): { title: { fi: string; sv: string | null; en: string | null }; steps: { title: { fi: string; sv: string | null; en: string | null }; workingDaysBefore: number }[] } | null {
  if (!state.on) return null;
  return {
    title: { fi: state.titleFi.trim(), sv: orNull(state.titleSv), en: orNull(state.titleEn) },
    steps: state.steps.map((step) => ({ title: { fi: step.title.trim(), sv: step.sv, en: step.en }, workingDaysBefore: Number(step.days) })),
  };
}
