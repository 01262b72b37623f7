import type { WidgetProps } from "../../src/render/widget-api.js";
import { shownCoupon } from "../shared/shown-coupon.js";
import type { TimeLeft } from "../shared/countdown.js";
import { isSafeUrl } from "../shared/safe-url.js";
import type { PopupBlocks } from "./blocks.js";
import type { PopupButton, PopupContent } from "./schema.js";

/**
 * The blocks of a popup, in reading order: image, eyebrow, title, text, cart items, countdown, coupon, form,
 * buttons, "no thanks". The countdown, coupon and form come in `blocks`, loaded for the content.
 */
export function PopupBody({
  props,
  titleId,
  textId,
  timer,
  blocks: { Countdown, Coupon, LeadForm, CartItems },
  close,
}: {
  props: WidgetProps<PopupContent>;
  titleId: string;
  textId: string;
  timer?: { deadline: number; left: TimeLeft };
  blocks: PopupBlocks;
  close(reason: "cta" | "dismiss"): void;
}) {
  const { content, locale, currency, click, convert } = props;
  const { eyebrow, title, text, countdown, form, cta, buttons = [], dismiss } = content;
  // The rules file's code, or this visitor's own from the collector (`coupon.pool`, claimed in `prepare`).
  const coupon = shownCoupon(content.coupon, props.prepared);
  // Like the CTA's href: a template filled from the visitor's traits can make any URL.
  const image = content.image && isSafeUrl(content.image.src) ? content.image : undefined;
  const layout = content.layout ?? "modal";
  const bar = layout === "top-bar" || layout === "bottom-bar";
  const copy = coupon && Coupon && <Coupon coupon={coupon} locale={locale} compact={bar} onCopy={(how) => click({ coupon: coupon.code, copy: how })} />;
  const actions = [...(cta ? [cta] : []), ...buttons];

  // Clicks on the extra buttons say which one it was; the CTA's keep their original shape.
  const onButton = (button: PopupButton, href: string | undefined, which: number) => {
    click({ ...(href ? { href } : {}), ...(which > 0 || !cta ? { button: button.label } : {}) });
    if (href) return; // the link navigates by itself (and middle/ctrl-click still work)
    if (button.action === "convert") convert();
    close("cta");
  };

  return (
    <>
      {image && !bar && (
        <div class="nudge-popup__media">
          <img src={image.src} alt={image.alt} decoding="async" />
        </div>
      )}
      <div class="nudge-popup__body">
        <div class="nudge-popup__head">
          {eyebrow && <p class="nudge-popup__eyebrow">{eyebrow}</p>}
          <h2 id={titleId} class="nudge-popup__title">
            {title}
          </h2>
          {text && (
            <p id={textId} class="nudge-popup__text">
              {text}
            </p>
          )}
        </div>
        {content.cartItems && CartItems && <CartItems items={props.facts.cart?.items ?? []} block={content.cartItems} locale={locale} currency={currency} />}
        {timer && countdown && Countdown && <Countdown left={timer.left} deadline={timer.deadline} label={countdown.label} locale={locale} class="nudge-popup__timer" />}
        {form && LeadForm ? <LeadForm form={form} locale={locale} onLead={(fields, consent) => props.lead(fields, consent)} reward={copy} /> : copy}
        {(actions.length > 0 || dismiss) && (
          <div class="nudge-popup__actions">
            {actions.map((button, i) => {
              // The schema already rejects unsafe URLs; this guards content that bypassed it.
              const href = button.href && isSafeUrl(button.href) ? button.href : undefined;
              const cls = i === 0 && !form ? "nudge-popup__cta" : "nudge-popup__cta nudge-popup__cta--secondary";
              return href ? (
                <a key={i} class={cls} href={href} onClick={() => onButton(button, href, i)}>
                  {button.label}
                </a>
              ) : (
                <button key={i} type="button" class={cls} onClick={() => onButton(button, undefined, i)}>
                  {button.label}
                </button>
              );
            })}
            {dismiss && (
              <button type="button" class="nudge-popup__dismiss" onClick={() => close("dismiss")}>
                {dismiss}
              </button>
            )}
          </div>
        )}
      </div>
    </>
  );
}
