import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { WidgetProps } from "../../src/render/widget-api.js";
import { stringsFor } from "../shared/i18n.js";
import { useModalFocus } from "../shared/use-modal-focus.js";
import { useFocusReturn } from "../shared/use-focus-return.js";
import type { NpsContent } from "./schema.js";
import { scaleKey } from "./scale-keys.js";
import { npsAnswers, npsGroup } from "./score.js";
import { STRINGS } from "./strings.js";
import { CloseButton } from "../shared/close-button.js";

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * An NPS survey: 0–10 score buttons, then a follow-up question that depends on the score
 * (detractor, passive, promoter), then a thank-you. The buttons are a toolbar: one Tab stop, the
 * arrow keys, Home and End move between them, Enter, Space or a click picks the score. The score and the comment become profile
 * attributes through `answer()`; finishing the survey converts it. A slide-in card by default
 * (the page stays usable), or a modal. Every string renders as text.
 */
export function Nps({ content, locale, close, answer, convert }: WidgetProps<NpsContent>) {
  const t = stringsFor(STRINGS, locale);
  const modal = content.layout === "modal";
  const attribute = content.attribute ?? "nps";
  const [score, setScore] = useState<number>();
  const [step, setStep] = useState<"score" | "comment" | "thanks">("score");
  const [comment, setComment] = useState("");
  // The score button that is the scale's one Tab stop: the last one focused (roving tabindex).
  const [stop, setStop] = useState(0);
  const panel = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const thanks = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useModalFocus(modal ? panel : { current: null }, { onEscape: () => close("escape") });
  useFocusReturn(modal ? { current: null } : panel, () => null);

  // Each new step takes focus (a keyboard or screen-reader visitor continues where they are),
  // but only once the visitor is in the survey: a slide-in never steals focus on its own.
  useLayoutEffect(() => {
    if (step === "comment") field.current?.focus({ preventScroll: true });
    if (step === "thanks") thanks.current?.focus({ preventScroll: true });
  }, [step]);

  const finish = (text?: string) => {
    if (score === undefined) return;
    if (text?.trim()) answer(npsAnswers(attribute, score, text));
    convert({ score, group: npsGroup(score) });
    setStep("thanks");
  };
  const pick = (value: number) => {
    setScore(value);
    answer(npsAnswers(attribute, value));
    if (content.comment === false) {
      convert({ score: value, group: npsGroup(value) });
      setStep("thanks");
    } else setStep("comment");
  };

  const group = score === undefined ? undefined : npsGroup(score);
  const followUp = group && (content.followUp?.[group] ?? t[group]);
  const titleId = `${id}-q`;
  const thanksText = content.thanks ? content.thanks.text : t.thanksText;

  const card = (
    <div
      ref={panel}
      class="nudge-nps__card"
      role="dialog"
      aria-modal={modal ? "true" : undefined}
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (!modal && (e.key === "Escape" || e.key === "Esc")) close("escape");
      }}
    >
      {step === "score" && (
        <>
          <h2 id={titleId} class="nudge-nps__title">
            {content.question ?? t.question}
          </h2>
          <div
            class="nudge-nps__scale"
            role="toolbar"
            aria-labelledby={titleId}
            aria-describedby={`${id}-s`}
            onKeyDown={(e) => {
              const buttons = Array.from(e.currentTarget.children) as HTMLElement[];
              const to = scaleKey(e.key, buttons.indexOf(e.target as HTMLElement), buttons.length);
              if (to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
              e.preventDefault();
              buttons[to].focus();
            }}
          >
            {SCORES.map((value) => (
              <button
                key={value}
                type="button"
                class={`nudge-nps__score nudge-nps__score--${npsGroup(value)}`}
                tabIndex={value === stop ? 0 : -1}
                onFocus={() => setStop(value)}
                onClick={() => pick(value)}
              >
                {value}
              </button>
            ))}
          </div>
          <div class="nudge-nps__ends" aria-hidden="true">
            <span>{content.lowLabel ?? t.low}</span>
            <span>{content.highLabel ?? t.high}</span>
          </div>
          <p id={`${id}-s`} class="nudge-nps__sr">
            {content.lowLabel || content.highLabel ? `0: ${content.lowLabel ?? t.low}; 10: ${content.highLabel ?? t.high}` : t.scale}
          </p>
        </>
      )}
      {step === "comment" && (
        <form
          class="nudge-nps__form"
          onSubmit={(e) => {
            e.preventDefault();
            finish(comment);
          }}
        >
          <p class="nudge-nps__picked">{t.yourScore.replace("{n}", String(score))}</p>
          <label id={titleId} class="nudge-nps__title" for={`${id}-c`}>
            {followUp}
          </label>
          <textarea
            ref={field}
            id={`${id}-c`}
            class="nudge-nps__field"
            rows={3}
            maxLength={1000}
            placeholder={content.placeholder ?? t.placeholder}
            value={comment}
            onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <div class="nudge-nps__actions">
            <button type="submit" class="nudge-nps__submit">
              {content.submitLabel ?? t.submit}
            </button>
            <button type="button" class="nudge-nps__skip" onClick={() => finish()}>
              {content.skipLabel ?? t.skip}
            </button>
          </div>
        </form>
      )}
      {step === "thanks" && (
        <div class="nudge-nps__thanks">
          <span class="nudge-nps__check" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
              <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
          </span>
          <h2 ref={thanks} id={titleId} class="nudge-nps__title" tabIndex={-1}>
            {content.thanks?.title ?? t.thanks}
          </h2>
          {thanksText && <p class="nudge-nps__text">{thanksText}</p>}
        </div>
      )}
      <CloseButton class="nudge-nps__close" label={content.closeLabel || t.close} onClick={() => close("button")} />
    </div>
  );

  return (
    <div
      class={`nudge-w nudge-nps nudge-nps--${modal ? "modal" : (content.position ?? "bottom-right")}`}
      onClick={(e) => {
        if (modal && e.target === e.currentTarget) close("backdrop");
      }}
    >
      {card}
    </div>
  );
}
