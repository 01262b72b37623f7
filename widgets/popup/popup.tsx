import { useId, useRef } from "preact/hooks";
import type { WidgetProps } from "../../src/render/widget-api.js";
import { isSafeUrl } from "../shared/safe-url.js";
import { useModalFocus } from "../shared/use-modal-focus.js";
import type { PopupContent } from "./schema.js";

/**
 * A modal popup: a card over a dimmed backdrop with an optional image, eyebrow,
 * title, text, a call to action and a "no thanks" link. Every string renders as text.
 *
 * @example
 * render(<Popup {...widgetProps} content={{ title: "-10% today", cta: { label: "Shop", href: "/sale" } }} />, el);
 */
export function Popup({ content, close, click, convert }: WidgetProps<PopupContent>) {
  const { eyebrow, title, text, cta, dismiss, closeLabel } = content;
  // Like the CTA's href below: a template filled from the visitor's traits can make any URL.
  const image = content.image && isSafeUrl(content.image.src) ? content.image : undefined;
  const card = useRef<HTMLDivElement>(null);
  const id = useId();
  const titleId = `${id}-t`;
  const textId = `${id}-d`;
  // A press that starts in the card and ends on the backdrop (text selection) is not a backdrop click.
  const pressInCard = useRef(false);

  // Focus starts on the first tabbable element: the CTA when there is one.
  useModalFocus(card, { onEscape: () => close("escape") });

  // The schema already rejects unsafe URLs; this guards content that bypassed it.
  const href = cta?.href && isSafeUrl(cta.href) ? cta.href : undefined;
  const onCta = () => {
    click(href ? { href } : {});
    if (href) return; // the link navigates by itself (and middle/ctrl-click still work)
    if (cta?.action === "convert") convert();
    close("cta");
  };

  return (
    <div
      class="nudge-w nudge-popup"
      onPointerDown={(e) => (pressInCard.current = e.target !== e.currentTarget)}
      onClick={(e) => {
        if (e.target === e.currentTarget && !pressInCard.current) close("backdrop");
        pressInCard.current = false;
      }}
    >
      <div
        ref={card}
        class={image ? "nudge-popup__card nudge-popup__card--media" : "nudge-popup__card"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={text ? textId : undefined}
        tabIndex={-1}
      >
        {image && (
          <div class="nudge-popup__media">
            <img src={image.src} alt={image.alt} decoding="async" />
          </div>
        )}
        <div class="nudge-popup__body">
          {eyebrow && <p class="nudge-popup__eyebrow">{eyebrow}</p>}
          <h2 id={titleId} class="nudge-popup__title">
            {title}
          </h2>
          {text && (
            <p id={textId} class="nudge-popup__text">
              {text}
            </p>
          )}
          {(cta || dismiss) && (
            <div class="nudge-popup__actions">
              {cta &&
                (href ? (
                  <a class="nudge-popup__cta" href={href} onClick={onCta}>
                    {cta.label}
                  </a>
                ) : (
                  <button type="button" class="nudge-popup__cta" onClick={onCta}>
                    {cta.label}
                  </button>
                ))}
              {dismiss && (
                <button type="button" class="nudge-popup__dismiss" onClick={() => close("dismiss")}>
                  {dismiss}
                </button>
              )}
            </div>
          )}
        </div>
        {/* Last in the DOM so screen readers and Tab meet the content first; placed top-right by CSS. */}
        <button
          type="button"
          class="nudge-popup__close"
          aria-label={closeLabel || "Close"}
          onClick={() => close("button")}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
          </svg>
        </button>
      </div>
    </div>
  );
}
