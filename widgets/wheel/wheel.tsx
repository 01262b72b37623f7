import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { WidgetProps } from "../../src/render/widget-api.js";
import { stringsFor } from "../shared/i18n.js";
import { isSafeUrl } from "../shared/safe-url.js";
import { useModalFocus } from "../shared/use-modal-focus.js";
import { CouponCode } from "./coupon-code.js";
import { Disc } from "./disc.js";
import { cryptoRandom, drawSegment, landingRotation } from "./draw.js";
import type { ServerWheel } from "../shared/claim-coupon.js";
import type { WheelContent, WheelSegment } from "./schema.js";
import { STRINGS } from "./strings.js";
import { CloseButton } from "../shared/close-button.js";

/** What a spin won, kept in the widget's state: one spin per visitor, shown again on every later visit. */
export interface WheelResult {
  index: number;
  label: string;
  code?: string;
  at: number;
}

/** The stored result, if the state holds a well-formed one. */
export function storedResult(state: Readonly<Record<string, unknown>>): WheelResult | undefined {
  const r = state.result as Partial<WheelResult> | undefined;
  return r && typeof r === "object" && typeof r.index === "number" && typeof r.label === "string" ? (r as WheelResult) : undefined;
}

/** The collector's wheel that `prepare` loaded, if this is a server-drawn wheel. */
function serverWheel(prepared: unknown): ServerWheel["wheel"] | undefined {
  return prepared && typeof prepared === "object" && "wheel" in prepared ? (prepared as ServerWheel).wheel : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SPIN_MS = 4600;
const reducedMotion = (win: Window | null) => !!win?.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

/**
 * Spin to win: a modal with a wheel of prizes. The outcome is drawn by weight with
 * `crypto.getRandomValues` and saved before the wheel turns, then the wheel lands on it (at once
 * under reduced motion). One spin per visitor: a later show presents the saved result. The wheel
 * picture is decorative; the prizes and the result are text (the result in a live region).
 */
export function Wheel(props: WidgetProps<WheelContent>) {
  const { content, locale, state, saveState, close, click, lead, track } = props;
  const t = stringsFor(STRINGS, locale);
  // A wheel drawn by the collector (`content.wheel`): its labels and the visitor's earlier spin came in `prepare`.
  const server = serverWheel(props.prepared);
  const segments: WheelSegment[] = content.segments ?? server?.labels.map((label) => ({ label, weight: 1 })) ?? [];
  const saved = useRef(
    server
      ? server.result && { index: server.result.segment, label: server.result.label, ...(server.result.code ? { code: server.result.code } : {}), at: 0 }
      : storedResult(state),
  ).current;
  const [failure, setFailure] = useState("");
  const [result, setResult] = useState<WheelResult | undefined>(saved);
  const [phase, setPhase] = useState<"ready" | "drawing" | "spinning" | "done">(saved ? "done" : "ready");
  const [rotation, setRotation] = useState(saved ? landingRotation(saved.index % segments.length, segments.length, 0) : 0);
  const [announcement, setAnnouncement] = useState("");
  const [email, setEmail] = useState("");
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<{ email?: string; consent?: string }>({});
  const card = useRef<HTMLDivElement>(null);
  const disc = useRef<HTMLDivElement>(null);
  const revealed = useRef(!!saved);
  const id = useId();

  useModalFocus(card, { onEscape: () => close("escape") });

  const reveal = (won: WheelResult) => {
    if (revealed.current) return;
    revealed.current = true;
    setPhase("done");
    setAnnouncement(won.code ? t.announceWin.replace("{prize}", won.label).replace("{code}", won.code) : t.announceLose);
  };

  // The spin button goes away with the result: focus moves to the result's first control, inside the dialog.
  useEffect(() => {
    if (phase === "done" && !saved) card.current?.querySelector<HTMLElement>(".nudge-wheel__copy,.nudge-wheel__cta,.nudge-wheel__close")?.focus({ preventScroll: true });
  }, [phase]);

  // The spin ends on `transitionend`; a timer is the fallback when no transition runs (a hidden tab).
  useEffect(() => {
    if (phase !== "spinning" || !result) return;
    const timer = setTimeout(() => reveal(result), SPIN_MS + 600);
    return () => clearTimeout(timer);
  }, [phase]);

  const spin = (e: Event) => {
    e.preventDefault();
    if (phase !== "ready") return;
    if (content.requireEmail) {
      const problems = {
        email: EMAIL.test(email.trim()) ? undefined : t.emailError,
        consent: content.consent && !agreed ? t.consentError : undefined,
      };
      setErrors(problems);
      if (problems.email || problems.consent) {
        const first = card.current?.querySelector<HTMLElement>(problems.email ? "input[type=email]" : "input[type=checkbox]");
        first?.focus();
        return;
      }
      lead({ email: email.trim(), ...(content.consent ? { consent: "yes" } : {}) });
    } else click({ spin: true });
    if (server) {
      // The collector draws (once per visitor: a second spin gets the same result); the wheel turns once it has answered.
      setPhase("drawing");
      setFailure("");
      // Loaded already by `prepare` (a server wheel's labels came through it).
      import("../shared/claim-coupon.js")
        .then((m) => m.spinWheel(props, server))
        .then(
          (draw) => land({ index: draw.segment, label: draw.label, ...(draw.code ? { code: draw.code } : {}), at: Date.now() }),
          () => {
            setPhase("ready");
            setFailure(t.unavailable);
          },
        );
      return;
    }
    const index = drawSegment(segments.map((s) => s.weight));
    const segment = segments[index];
    land({ index, label: segment.label, ...(segment.code ? { code: segment.code } : {}), at: Date.now() });
  };

  const land = (won: WheelResult) => {
    const { index } = won;
    // Saved before the wheel turns: closing or reloading mid-spin cannot earn a second spin.
    saveState({ result: won });
    track(won.code ? "won" : "lost", { label: won.label, ...(won.code ? { code: won.code } : {}) });
    setResult(won);
    const instant = reducedMotion(card.current?.ownerDocument.defaultView ?? null);
    setRotation(landingRotation(index, segments.length, instant ? 0 : 6, cryptoRandom() - 0.5));
    if (instant) reveal(won);
    else setPhase("spinning");
  };

  const titleId = `${id}-t`;
  const won = phase === "done" && result;
  const prize = won ? won.label : "";
  const screen = won ? (won.code ? content.win : content.lose) : undefined;
  const heading = won ? (screen?.title ?? (won.code ? t.win : t.lose)).replace("{prize}", prize) : (content.title ?? t.title);
  const body = won ? (screen ? screen.text : won.code ? t.winText : t.loseText)?.replace("{prize}", prize) : content.text;
  const cta = content.cta && isSafeUrl(content.cta.href) ? content.cta : undefined;

  return (
    <div
      class="nudge-w nudge-wheel"
      onClick={(e) => {
        if (e.target === e.currentTarget) close("backdrop");
      }}
    >
      <div ref={card} class="nudge-wheel__card" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div class="nudge-wheel__stage">
          <div
            ref={disc}
            class={phase === "spinning" ? "nudge-wheel__disc nudge-wheel__disc--spin" : "nudge-wheel__disc"}
            style={{ transform: `rotate(${rotation}deg)` }}
            onTransitionEnd={(e) => {
              if (e.target === disc.current && result) reveal(result);
            }}
          >
            <Disc segments={segments} />
          </div>
          <svg class="nudge-wheel__pointer" viewBox="0 0 24 30" aria-hidden="true" focusable="false">
            <path d="M12 29L2.5 8.5A10 10 0 1 1 21.5 8.5Z" />
            <circle cx="12" cy="10" r="3.6" />
          </svg>
        </div>
        <div class="nudge-wheel__body">
          {saved && <p class="nudge-wheel__note">{t.already}</p>}
          <h2 id={titleId} class="nudge-wheel__title">
            {heading}
          </h2>
          {body && <p class="nudge-wheel__text">{body}</p>}
          <p class="nudge-wheel__sr">{t.prizes.replace("{list}", segments.map((s) => s.label).join(", "))}</p>
          {!won && (
            <form class="nudge-wheel__form" onSubmit={spin} noValidate>
              {content.requireEmail && (
                <>
                  <label class="nudge-wheel__label-text" for={`${id}-e`}>
                    {content.emailLabel ?? t.email}
                  </label>
                  <input
                    id={`${id}-e`}
                    class="nudge-wheel__input"
                    type="email"
                    name="email"
                    autocomplete="email"
                    inputMode="email"
                    required
                    value={email}
                    disabled={phase !== "ready"}
                    aria-invalid={errors.email ? "true" : undefined}
                    aria-describedby={errors.email ? `${id}-ee` : undefined}
                    onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
                  />
                  {errors.email && (
                    <p id={`${id}-ee`} class="nudge-wheel__error">
                      {errors.email}
                    </p>
                  )}
                  {content.consent && (
                    <label class="nudge-wheel__consent">
                      <input
                        type="checkbox"
                        checked={agreed}
                        disabled={phase !== "ready"}
                        aria-invalid={errors.consent ? "true" : undefined}
                        aria-describedby={errors.consent ? `${id}-ce` : undefined}
                        onChange={(e) => setAgreed((e.currentTarget as HTMLInputElement).checked)}
                      />
                      <span>{content.consent}</span>
                    </label>
                  )}
                  {errors.consent && (
                    <p id={`${id}-ce`} class="nudge-wheel__error">
                      {errors.consent}
                    </p>
                  )}
                </>
              )}
              <button type="submit" class="nudge-wheel__spin" aria-disabled={phase !== "ready" ? "true" : undefined}>
                {phase === "spinning" || phase === "drawing" ? t.spinning : (content.spinLabel ?? t.spin)}
              </button>
              {failure && (
                <p class="nudge-wheel__error" role="alert">
                  {failure}
                </p>
              )}
            </form>
          )}
          {/* biome-ignore lint/complexity/useOptionalChain: won may be false, which has no optional .code */}
          {won && won.code && (
            <CouponCode code={won.code} label={t.code} copyLabel={t.copy} copiedLabel={t.copied} announce={setAnnouncement} onCopied={() => track("copied", { code: won.code })} />
          )}
          {won && cta && (
            <a class="nudge-wheel__cta" href={cta.href} onClick={() => click({ href: cta.href })}>
              {cta.label}
            </a>
          )}
          <p class="nudge-wheel__sr" aria-live="polite">
            {announcement}
          </p>
        </div>
        <CloseButton class="nudge-wheel__close" label={content.closeLabel || t.close} onClick={() => close("button")} />
      </div>
    </div>
  );
}
