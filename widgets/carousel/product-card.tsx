import type { Product } from "../../src/render/widget-api.js";
import { money } from "../shared/i18n.js";
import { isSafeUrl } from "../shared/safe-url.js";

export interface CardProps {
  product: Product;
  /** Ids for aria-describedby: the name, so "Add to cart" says which product. */
  nameId: string;
  locale: string;
  currency: string;
  /** False while the card is out of view: its link and button leave the Tab order. */
  tabbable: boolean;
  /** Label of the add-to-cart button; undefined for none. */
  addLabel?: string;
  added: boolean;
  addedLabel: string;
  wasLabel: string;
  onOpen(product: Product, href: string): void;
  onAdd(product: Product): void;
}

/** Percent off, rounded, when the old price is higher; else 0. */
export function discountOf(p: Pick<Product, "price" | "oldPrice">): number {
  return p.oldPrice && p.oldPrice > p.price ? Math.round((1 - p.price / p.oldPrice) * 100) : 0;
}

/**
 * One product: image (lazy, fixed square box), brand, name, price with the old price and
 * discount, and an add-to-cart button. Catalog strings render as text; unsafe URLs are dropped.
 */
export function ProductCard({ product: p, nameId, locale, currency, tabbable, addLabel, added, addedLabel, wasLabel, onOpen, onAdd }: CardProps) {
  const href = isSafeUrl(p.url) ? p.url : undefined;
  const image = p.image && isSafeUrl(p.image) ? p.image : undefined;
  const off = discountOf(p);
  const price = (amount: number) => money(locale, p.currency ?? currency, amount);
  const tab = tabbable ? undefined : -1;
  return (
    <div class="nudge-card">
      <a class="nudge-card__link" href={href} tabIndex={href ? tab : undefined} onClick={() => href && onOpen(p, href)}>
        <span class="nudge-card__media">
          {image && <img src={image} alt={p.name} loading="lazy" decoding="async" width={400} height={400} />}
          {off > 0 && <span class="nudge-card__badge">−{off}%</span>}
        </span>
        {p.brand && <span class="nudge-card__brand">{p.brand}</span>}
        <span class="nudge-card__name" id={nameId}>
          {p.name}
        </span>
      </a>
      <p class="nudge-card__price">
        <span class={off ? "nudge-card__now nudge-card__now--sale" : "nudge-card__now"}>{price(p.price)}</span>
        {off > 0 && (
          <s class="nudge-card__was">
            <span class="nudge-sr">{wasLabel} </span>
            {price(p.oldPrice!)}
          </s>
        )}
      </p>
      {addLabel && (
        <button type="button" class={added ? "nudge-card__add nudge-card__add--done" : "nudge-card__add"} aria-describedby={nameId} tabIndex={tab} onClick={() => onAdd(p)}>
          {added ? (
            <>
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <path d="M3 8.5l3.2 3L13 4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
              </svg>
              {addedLabel}
            </>
          ) : (
            addLabel
          )}
        </button>
      )}
    </div>
  );
}
