import { useId, useLayoutEffect, useRef } from "preact/hooks";
import type { WidgetProps } from "../../src/render/widget-api.js";
import { Countdown } from "../shared/countdown-view.js";
import { shownCoupon } from "../shared/shown-coupon.js";
import { Coupon } from "../shared/coupon.js";
import { stringsFor } from "../shared/i18n.js";
import { offerStrings } from "../shared/offer-strings.js";
import { isSafeUrl } from "../shared/safe-url.js";
import { useDeadline } from "../shared/use-deadline.js";
import { useFocusReturn } from "../shared/use-focus-return.js";
import type { CountdownCouponContent } from "./schema.js";
import { CloseButton } from "../shared/close-button.js";

/**
 * A compact bar (or slide-in) with a ticking countdown and a coupon code to copy. Not modal: it
 * never takes focus; Esc closes it while focus is inside. When the countdown is over (an evergreen
 * deadline is stored per visitor on first show, so reloads and other tabs keep it) it closes
 * itself and never shows the code again.
 *
 * @example
 * render(<CountdownCoupon {...widgetProps} content={{ title: "15% off", coupon: { code: "SAVE15" }, countdown: { evergreen: "30m" } }} />, el);
 */
export function CountdownCoupon(props: WidgetProps<CountdownCouponContent>) {
  const { content, locale, close, click } = props;
  const s = stringsFor(offerStrings, locale);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const timer = useDeadline(content.countdown, props, () => close("api"));
  // Checked while the runtime mounts it: an offer already over closes before it counts as shown.
  useLayoutEffect(() => {
    if (!timer || timer.expired) close("api");
  }, []);
  // Focus that was inside (the visitor tabbed in) goes back to where it came from.
  useFocusReturn(box, () => null);
  if (!timer || timer.expired) return null;

  // The rules file's code, or this visitor's own from the collector (`coupon.pool`, claimed in `prepare`).
  const coupon = shownCoupon(content.coupon, props.prepared);
  const layout = content.layout ?? "bottom-bar";
  const where = layout === "slide-in" ? (content.corner ?? "bottom-right") : layout === "top-bar" ? "top" : "bottom";
  const href = content.cta && isSafeUrl(content.cta.href) ? content.cta.href : undefined;
  return (
    <div class={`nudge-w nudge-layer nudge-layer--${where}`}>
      <div
        ref={box}
        class={`nudge-cc nudge-cc--${layout}`}
        role="region"
        aria-labelledby={`${id}-t`}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key !== "Escape" && e.key !== "Esc") return;
          e.preventDefault();
          close("escape");
        }}
      >
        <div class="nudge-cc__head">
          <h2 id={`${id}-t`} class="nudge-cc__title">
            {content.title}
          </h2>
          {content.text && <p class="nudge-cc__text">{content.text}</p>}
        </div>
        <Countdown left={timer.left} deadline={timer.deadline} label={content.countdown.label} locale={locale} class="nudge-cc__timer" />
        {coupon && <Coupon coupon={coupon} locale={locale} compact onCopy={(how) => click({ coupon: coupon.code, copy: how })} />}
        {content.cta && href && (
          <a class="nudge-cc__cta" href={href} onClick={() => click({ href })}>
            {content.cta.label}
          </a>
        )}
        <CloseButton class="nudge-cc__close" label={content.closeLabel || s.close} onClick={() => close("button")} />
      </div>
    </div>
  );
}
