import { useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { WidgetProps } from "../../src/render/widget-api.js";
import { CloseButton } from "../shared/close-button.js";
import { stringsFor } from "../shared/i18n.js";
import { useFocusReturn } from "../shared/use-focus-return.js";
import { requestPermission } from "./ask.js";
import type { PushAskContent } from "./schema.js";
import { STRINGS } from "./strings.js";

type Step = "ask" | "waiting" | "granted" | "not-granted";

/**
 * A push-notification soft ask: the shop's question in a corner card (the page stays usable).
 * "Yes" goes on to the browser's own prompt, and only then; "no" (or ×) is remembered so the
 * next ask waits `askAgainAfter`. The outcome goes to the site as a `push` event; "granted"
 * converts the widget. Every string renders as text.
 */
export function PushAsk({ content, locale, close, click, convert, saveState, emit, facts }: WidgetProps<PushAskContent>) {
  const t = stringsFor(STRINGS, locale);
  const [step, setStep] = useState<Step>("ask");
  const card = useRef<HTMLDivElement>(null);
  const outcome = useRef<HTMLHeadingElement>(null);
  const asked = useRef(facts.time.now);
  const id = useId();
  useFocusReturn(card, () => null);

  // Showing it is asking: `push.asked` holds from now on, whatever the visitor does.
  useEffect(() => saveState({ push: { asked: asked.current } }), []);
  // After the browser's prompt the result takes focus, so a keyboard visitor hears it.
  useLayoutEffect(() => {
    if (step === "granted" || step === "not-granted") outcome.current?.focus({ preventScroll: true });
  }, [step]);

  const declined = (how: "button" | "dismiss" | "escape") => {
    if (step === "ask") {
      saveState({ push: { asked: asked.current, answer: "no" } });
      emit("push", { answer: "no", permission: "default" });
    }
    close(how);
  };
  const accept = async () => {
    saveState({ push: { asked: asked.current, answer: "yes" } });
    click({ answer: "yes" });
    const notification = typeof Notification === "undefined" ? undefined : Notification;
    if (!notification) return close("api");
    setStep("waiting");
    const permission = await requestPermission(notification);
    emit("push", { answer: "yes", permission });
    if (permission === "granted") convert({ permission });
    setStep(permission === "granted" ? "granted" : "not-granted");
  };

  const titleId = `${id}-t`;
  return (
    <div class={`nudge-w nudge-push nudge-push--${content.position ?? "bottom-right"}`}>
      <div
        ref={card}
        class="nudge-push__card"
        role="dialog"
        aria-labelledby={titleId}
        aria-describedby={`${id}-d`}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === "Escape" || e.key === "Esc") declined("escape");
        }}
      >
        <span class="nudge-push__bell" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
            <path
              d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6zm-2.3 15.5a2.4 2.4 0 0 0 4.6 0"
              fill="none"
              stroke="currentColor"
              stroke-width="1.8"
              stroke-linejoin="round"
            />
          </svg>
        </span>
        {step === "ask" || step === "waiting" ? (
          <>
            <h2 id={titleId} class="nudge-push__title">
              {content.title ?? t.title}
            </h2>
            <p id={`${id}-d`} class="nudge-push__text">
              {content.text ?? t.text}
            </p>
            <div class="nudge-push__actions">
              <button type="button" class="nudge-push__yes" disabled={step === "waiting"} onClick={accept}>
                {content.yesLabel ?? t.yes}
              </button>
              <button type="button" class="nudge-push__no" disabled={step === "waiting"} onClick={() => declined("dismiss")}>
                {content.noLabel ?? t.no}
              </button>
            </div>
            <p class="nudge-push__status" role="status">
              {step === "waiting" ? t.waiting : ""}
            </p>
          </>
        ) : (
          <>
            <h2 ref={outcome} id={titleId} class="nudge-push__title" tabIndex={-1}>
              {step === "granted" ? (content.granted?.title ?? t.granted) : t.off}
            </h2>
            <p id={`${id}-d`} class="nudge-push__text">
              {step === "granted" ? (content.granted ? content.granted.text : t.grantedText) : (content.notGranted ?? t.notGranted)}
            </p>
          </>
        )}
        <CloseButton class="nudge-push__close" label={content.closeLabel || t.close} onClick={() => declined("button")} />
      </div>
    </div>
  );
}
