import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { SurveyState } from "../../src/profile/answer-facts.js";
import type { WidgetProps } from "../../src/render/widget-api.js";
import { CloseButton } from "../shared/close-button.js";
import { stringsFor } from "../shared/i18n.js";
import { useModalFocus } from "../shared/use-modal-focus.js";
import { useFocusReturn } from "../shared/use-focus-return.js";
import { QuestionFields } from "./question.js";
import { END, nextAfter, remaining } from "./route.js";
import type { Answer, SurveyContent } from "./schema.js";
import { STRINGS } from "./strings.js";

/** Where a visitor left the survey (its saved state), checked against today's questions: an unknown question starts over. */
export function resumeFrom(content: SurveyContent, state: Readonly<Record<string, unknown>>): SurveyState {
  const saved = state.survey as Partial<SurveyState> | undefined;
  const known = (id: unknown) => typeof id === "string" && content.questions.some((q) => q.id === id);
  if (!saved || (saved.at !== END && !known(saved.at))) return { answers: {}, trail: [], at: content.questions[0].id };
  return {
    answers: typeof saved.answers === "object" && saved.answers ? saved.answers : {},
    trail: Array.isArray(saved.trail) ? saved.trail.filter(known) : [],
    at: saved.at as string,
  };
}

/** The widget's `prepare`: a survey the visitor finished is not shown again (and not counted). */
export const notFinished = ({ content, state }: Pick<WidgetProps<SurveyContent>, "content" | "state">): boolean => resumeFrom(content, state).at !== END;

const isEmpty = (value: Answer | undefined) => value === undefined || (typeof value === "string" && !value.trim()) || (Array.isArray(value) && !value.length);

/**
 * A survey: one question at a time (single or multiple choice, a 1–5 rating as numbers or stars,
 * a short text), branching by answer, with its progress shown. Each answer is saved at once in
 * the widget's state (the fact `survey.<id>.<question>`; a reload resumes where the visitor was)
 * and sent as an `answer` event; finishing converts it. A slide-in card by default (the page
 * stays usable), or a modal. Every string renders as text.
 */
export function Survey({ id: surveyId, content, locale, state, close, convert, saveState, emit }: WidgetProps<SurveyContent>) {
  const t = stringsFor(STRINGS, locale);
  const modal = content.layout === "modal";
  const [progress, setProgress] = useState<SurveyState>(() => resumeFrom(content, state));
  const index = content.questions.findIndex((q) => q.id === progress.at);
  const question = content.questions[index];
  const [draft, setDraft] = useState<Answer | undefined>(question ? progress.answers[question.id] : undefined);
  const [error, setError] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const id = useId();

  useModalFocus(modal ? panel : { current: null }, { onEscape: () => close("escape") });
  useFocusReturn(modal ? { current: null } : panel, () => null);
  // Each new question (or the thanks) takes focus once the visitor is in the survey: a slide-in never steals it on its own.
  useLayoutEffect(() => {
    if (moved.current) heading.current?.focus({ preventScroll: true });
  }, [progress.at]);

  const go = (next: SurveyState) => {
    moved.current = true;
    saveState({ survey: next });
    setProgress(next);
    setDraft(next.answers[next.at]);
    setError(false);
  };
  const answer = (value: Answer | undefined) => {
    if (!question) return;
    if (isEmpty(value) && !question.optional) return setError(true);
    const answers = { ...progress.answers };
    const clean = typeof value === "string" ? value.trim() : value;
    if (isEmpty(clean)) delete answers[question.id];
    else {
      answers[question.id] = clean!;
      emit("answer", { survey: surveyId, question: question.id, kind: question.type, answer: clean });
    }
    const at = nextAfter(content.questions, index, isEmpty(clean) ? undefined : clean);
    go({ answers, trail: [...progress.trail, question.id], at: at === END || content.questions.some((q) => q.id === at) ? at : END });
    if (at === END || !content.questions.some((q) => q.id === at)) convert({ answers: Object.keys(answers).length });
  };
  const back = () => {
    const trail = progress.trail.slice(0, -1);
    go({ ...progress, trail, at: progress.trail[progress.trail.length - 1] });
  };

  const step = progress.trail.length + 1;
  const total = question ? progress.trail.length + remaining(content.questions, question.id) : step;
  const ids = { legend: `${id}-q`, hint: `${id}-h`, field: `${id}-f` };
  const last = question && nextAfter(content.questions, index, draft) === END;

  return (
    <div
      class={`nudge-w nudge-survey nudge-survey--${modal ? "modal" : (content.position ?? "bottom-right")}`}
      onClick={(e) => {
        if (modal && e.target === e.currentTarget) close("backdrop");
      }}
    >
      <div
        ref={panel}
        class="nudge-survey__card"
        role="dialog"
        aria-modal={modal ? "true" : undefined}
        aria-labelledby={question ? ids.legend : `${id}-t`}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (!modal && (e.key === "Escape" || e.key === "Esc")) close("escape");
        }}
      >
        {question ? (
          <form
            class="nudge-survey__form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              answer(draft);
            }}
          >
            <div class="nudge-survey__top">
              <span class="nudge-survey__eyebrow">{content.title ?? t.survey}</span>
              <span class="nudge-survey__count">{t.progress.replace("{i}", String(step)).replace("{n}", String(total))}</span>
            </div>
            <progress class="nudge-survey__bar" max={total} value={step - 1} aria-label={t.progress.replace("{i}", String(step)).replace("{n}", String(total))} />
            <h2 ref={heading} id={ids.legend} class="nudge-survey__title" tabIndex={-1}>
              {question.text}
            </h2>
            {question.hint && (
              <p id={ids.hint} class="nudge-survey__hint">
                {question.hint}
              </p>
            )}
            <QuestionFields
              key={question.id}
              question={question}
              ids={ids}
              value={draft}
              onChange={(value) => {
                setDraft(value);
                setError(false);
              }}
              labels={{ low: t.low, high: t.high, stars: t.stars, placeholder: t.placeholder, faces: [t.face1, t.face2, t.face3, t.face4, t.face5] }}
              error={error ? t.required : undefined}
            />
            <p id={`${ids.field}-e`} class="nudge-survey__error" role="alert">
              {error ? t.required : ""}
            </p>
            <div class="nudge-survey__actions">
              <button type="submit" class="nudge-survey__next">
                {last ? (content.submitLabel ?? t.submit) : (content.nextLabel ?? t.next)}
              </button>
              {question.optional && (
                <button type="button" class="nudge-survey__quiet" onClick={() => answer(undefined)}>
                  {content.skipLabel ?? t.skip}
                </button>
              )}
              {progress.trail.length > 0 && (
                <button type="button" class="nudge-survey__quiet nudge-survey__back" onClick={back}>
                  {content.backLabel ?? t.back}
                </button>
              )}
            </div>
          </form>
        ) : (
          <div class="nudge-survey__thanks">
            <span class="nudge-survey__check" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
                <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
              </svg>
            </span>
            <h2 ref={heading} id={`${id}-t`} class="nudge-survey__title" tabIndex={-1}>
              {content.thanks?.title ?? t.thanks}
            </h2>
            {(content.thanks ? content.thanks.text : t.thanksText) && <p class="nudge-survey__text">{content.thanks ? content.thanks.text : t.thanksText}</p>}
          </div>
        )}
        <CloseButton class="nudge-survey__close" label={content.closeLabel || t.close} onClick={() => close("button")} />
      </div>
    </div>
  );
}
