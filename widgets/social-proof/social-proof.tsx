import { useEffect, useState } from "preact/hooks";
import type { WidgetProps } from "../../src/render/widget-api.js";
import { plural, stringsFor } from "../shared/i18n.js";
import { isSafeUrl } from "../shared/safe-url.js";
import { productForPage, proofCount, type ProofProduct } from "./proof.js";
import type { SocialProofContent } from "./schema.js";
import { METRIC_MESSAGES, STRINGS } from "./strings.js";

export interface Proof {
  product: ProofProduct;
  message: string;
}

/**
 * The toast's words, from the catalog feed's count for this page's product (the widget's
 * `prepare`); false when the feed has no such count: social proof is never made up, so then
 * nothing shows and nothing is counted as shown.
 */
export async function prepareProof({ content, facts, locale, catalog }: WidgetProps<SocialProofContent>): Promise<Proof | false> {
  const product = productForPage(await catalog(), facts.page.url, content.productId || undefined);
  const metric = content.metric ?? "soldToday";
  const count = proofCount(product, metric, content.min);
  if (!product || count === undefined) return false;
  const language = locale.toLowerCase().split(/[-_]/)[0];
  const forms = content.message ?? (METRIC_MESSAGES[language] ?? METRIC_MESSAGES.en)[metric] ?? METRIC_MESSAGES.en[metric];
  return { product, message: plural(locale, count, forms) };
}

/**
 * A small toast in a corner: "12 people bought this today" (see `prepareProof`). Non-modal,
 * `role="status"`; hides by itself after `duration` seconds, paused while the pointer or focus is on it.
 */
export function SocialProof({ content, locale, close, prepared }: WidgetProps<SocialProofContent>) {
  const proof = prepared as Proof;
  // Paused while hovered or focused (WCAG 2.2.1: the visitor has time to read it).
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  // The live region is filled just after it is in the page: text present at insertion is often not announced.
  const [spoken, setSpoken] = useState(false);
  useEffect(() => setSpoken(true), []);
  const paused = hovered || focused;
  const strings = stringsFor(STRINGS, locale);

  // Hides by itself (not a dismissal: reason "api"); the countdown starts over after a pause.
  const seconds = content.duration ?? 8;
  useEffect(() => {
    if (paused || seconds === 0) return;
    const timer = setTimeout(() => close("api"), seconds * 1000);
    return () => clearTimeout(timer);
  }, [paused]);

  const { product } = proof;
  const image = content.showProduct !== false && product.image && isSafeUrl(product.image) ? product.image : undefined;
  const name = content.showProduct !== false ? product.name : undefined;
  return (
    <>
      <div class={`nudge-w nudge-sp nudge-sp--${content.position ?? "bottom-left"}`}>
        <div
          class="nudge-sp__card"
          onMouseEnter={() => setHovered(true)}
          onMouseLeave={() => setHovered(false)}
          onFocusIn={() => setFocused(true)}
          onFocusOut={(e) => setFocused((e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null))}
          onKeyDown={(e) => {
            if (e.key === "Escape" || e.key === "Esc") close("escape");
          }}
        >
          {image ? (
            <img class="nudge-sp__img" src={image} alt="" width={48} height={48} decoding="async" />
          ) : (
            <span class="nudge-sp__icon" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
                <path
                  d="M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 10a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7.5M18 14.5a7 7 0 0 1 4 6.5"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="1.8"
                  stroke-linecap="round"
                />
              </svg>
            </span>
          )}
          {/* Read by screen readers from the live region below; shown here for the eyes. */}
          <p class="nudge-sp__text" aria-hidden="true">
            <strong class="nudge-sp__msg">{proof.message}</strong>
            {name && <span class="nudge-sp__name">{name}</span>}
          </p>
          <button type="button" class="nudge-sp__close" aria-label={content.closeLabel || strings.close} onClick={() => close("button")}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path d="M4 4l8 8m0-8l-8 8" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
            </svg>
          </button>
        </div>
      </div>
      {/* Off screen: read by screen readers only. */}
      <div class="nudge-w nudge-sp__live" role="status">
        {spoken ? `${proof.message}${name ? ` (${name})` : ""}` : ""}
      </div>
    </>
  );
}
