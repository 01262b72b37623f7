import type { CartLine } from "../../src/profile/facts.js";
import { formatValue } from "../../src/render/template.js";
import { stringsFor, type Strings } from "../shared/i18n.js";
import { isSafeUrl } from "../shared/safe-url.js";

/**
 * The cart-items block of a popup (an abandoned-cart reminder): the cart's lines with image, name,
 * quantity and price, at most `limit` of them, then "+N more". One chunk with its CSS, loaded by a
 * popup whose content has `cartItems` (see `blocks.ts`).
 */

const STRINGS: Strings<"more" | "label"> = {
  en: { more: "+{n} more", label: "Your cart" },
  ru: { more: "и ещё {n}", label: "Ваша корзина" },
};

/**
 * @example
 * <CartItems items={facts.cart.items} block={{ limit: 3 }} locale="en-US" currency="USD" />
 */
export function CartItems({ items, block, locale, currency }: { items: readonly CartLine[]; block: { limit?: number; more?: string }; locale: string; currency: string }) {
  const strings = stringsFor(STRINGS, locale);
  const limit = block.limit ?? 3;
  const shown = items.slice(0, limit);
  const rest = items.length - shown.length;
  if (!shown.length) return null;
  const options = { locale, currency };
  return (
    <div class="nudge-cart">
      <ul class="nudge-cart__list" aria-label={strings.label}>
        {shown.map((line) => (
          <li key={line.id} class="nudge-cart__line">
            {isSafeUrl(line.image) ? (
              <img class="nudge-cart__img" src={line.image} alt="" width={48} height={48} decoding="async" />
            ) : (
              <span class="nudge-cart__img" aria-hidden="true" />
            )}
            <span class="nudge-cart__name">{line.name ?? line.id}</span>
            <span class="nudge-cart__qty">× {formatValue(line.quantity, "number", options)}</span>
            <span class="nudge-cart__price">{formatValue(line.price * line.quantity, "money", options)}</span>
          </li>
        ))}
      </ul>
      {rest > 0 && <p class="nudge-cart__more">{(block.more || strings.more).replace("{n}", formatValue(rest, "number", options) ?? String(rest))}</p>}
    </div>
  );
}

/** Its CSS, adopted with its code after the popup's own. */
export const styles = /* css */ `
.nudge-cart{width:100%;margin-top:18px;text-align:start}
.nudge-cart__list{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:10px}
.nudge-cart__line{display:grid;grid-template-columns:48px minmax(0,1fr) auto auto;align-items:center;gap:12px;font-size:15px;line-height:1.35}
.nudge-cart__img{width:48px;height:48px;border-radius:calc(var(--_radius)*.5);object-fit:cover;background:color-mix(in srgb,var(--_text) 8%,transparent)}
.nudge-cart__name{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.nudge-cart__qty{color:var(--_muted);white-space:nowrap}
.nudge-cart__price{font-weight:600;white-space:nowrap;font-variant-numeric:tabular-nums}
.nudge-cart__more{margin:10px 0 0;font-size:14px;color:var(--_muted)}
`;
