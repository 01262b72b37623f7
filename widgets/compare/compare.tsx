import { useId, useRef, useState } from "preact/hooks";
import type { Product, WidgetProps } from "../../src/render/widget-api.js";
import { CloseButton } from "../shared/close-button.js";
import { money, stringsFor } from "../shared/i18n.js";
import { isSafeUrl } from "../shared/safe-url.js";
import { own } from "../../src/env/own.js";
import { useModalFocus } from "../shared/use-modal-focus.js";
import { comparable, DEFAULT_ROWS, fieldOf } from "./pick.js";
import type { CompareContent } from "./schema.js";
import { STRINGS } from "./strings.js";

/**
 * The products to compare (the widget's `prepare`), or false when the visitor viewed fewer than
 * two in the category: then nothing shows and nothing is counted as shown, as for the carousel.
 */
export async function prepareCompare({ content, facts, catalog }: WidgetProps<CompareContent>): Promise<Product[] | false> {
  const list = comparable(await catalog(), facts, { category: content.category, limit: content.maxItems });
  return list.length ? list : false;
}

type Text = Record<keyof (typeof STRINGS)["en"], string>;

/** A value of the feed as text: lists joined, yes/no for booleans, numbers by the locale; nothing for objects. */
function asText(value: unknown, locale: string, t: Text): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? t.yes : t.no;
  if (typeof value === "number" && Number.isFinite(value)) return new Intl.NumberFormat(locale).format(value);
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string" || typeof v === "number").join(", ");
  return "";
}

/**
 * The products the visitor viewed in one category, side by side in a modal: a column per product
 * (image, name, add to cart) and a row per field of the catalog feed. The lowest price is marked.
 * Add to cart emits the same `action` as the carousel's. Catalog strings render as text; unsafe
 * URLs are dropped.
 */
export function Compare({ content, locale, currency, prepared, close, click, action }: WidgetProps<CompareContent>) {
  const items = prepared as Product[];
  const t = stringsFor(STRINGS, locale);
  const id = useId();
  const card = useRef<HTMLDivElement>(null);
  const pressInCard = useRef(false);
  const [added, setAdded] = useState<string[]>([]);
  const [announce, setAnnounce] = useState("");
  useModalFocus(card, { onEscape: () => close("escape"), initialFocus: card });

  const rows = (content.rows ?? DEFAULT_ROWS)
    .map((row) => (typeof row === "string" ? { key: row, label: undefined } : row))
    .map(({ key, label }) => ({ key, label: label ?? own<string>(t, key) ?? key }))
    .filter(({ key }) => items.some((p) => key === "price" || asText(fieldOf(p, key), locale, t) !== ""));
  const lowest = Math.min(...items.map((p) => p.price));
  const cheaper = items.filter((p) => p.price === lowest).length < items.length;
  const addLabel = content.addToCart === false ? undefined : typeof content.addToCart === "string" ? content.addToCart : t.add;
  const price = (p: Product, amount: number) => money(locale, p.currency ?? currency, amount);

  const onAdd = (p: Product) => {
    action("add_to_cart", { id: p.id, price: p.price, name: p.name });
    click({ id: p.id, action: "add_to_cart" });
    setAdded((was) => (was.includes(p.id) ? was : [...was, p.id]));
    setAnnounce(t.addedMessage.replace("{name}", p.name));
  };

  const cell = (p: Product, key: string) => {
    if (key !== "price") return asText(fieldOf(p, key), locale, t) || "—";
    const was = p.oldPrice && p.oldPrice > p.price ? p.oldPrice : undefined;
    return (
      <>
        <span class="nudge-compare__price">{price(p, p.price)}</span>
        {was && (
          <s class="nudge-compare__was">
            <span class="nudge-compare__sr">{t.was} </span>
            {price(p, was)}
          </s>
        )}
        {cheaper && p.price === lowest && <span class="nudge-compare__best">{t.lowest}</span>}
      </>
    );
  };

  return (
    <div
      class="nudge-w nudge-compare"
      onPointerDown={(e) => (pressInCard.current = e.target !== e.currentTarget)}
      onClick={(e) => {
        if (e.target === e.currentTarget && !pressInCard.current) close("backdrop");
        pressInCard.current = false;
      }}
    >
      <div ref={card} class="nudge-compare__card" role="dialog" aria-modal="true" aria-labelledby={`${id}-t`} tabIndex={-1}>
        <h2 id={`${id}-t`} class="nudge-compare__title">
          {content.title ?? t.title}
        </h2>
        {content.text && <p class="nudge-compare__text">{content.text}</p>}
        <div class="nudge-compare__scroll" role="region" aria-label={t.table} tabIndex={0}>
          <table class={`nudge-compare__table nudge-compare__table--${items.length}`}>
            <thead>
              <tr>
                <td class="nudge-compare__corner" />
                {items.map((p, i) => {
                  const href = isSafeUrl(p.url) ? p.url : undefined;
                  const image = p.image && isSafeUrl(p.image) ? p.image : undefined;
                  return (
                    <th key={p.id} scope="col" class="nudge-compare__product">
                      <a class="nudge-compare__link" href={href} onClick={() => href && click({ id: p.id, href })}>
                        <span class="nudge-compare__media">{image && <img src={image} alt="" loading="lazy" decoding="async" width={160} height={160} />}</span>
                        <span class="nudge-compare__name" id={`${id}-p${i}`}>
                          {p.name}
                        </span>
                      </a>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row" class="nudge-compare__label">
                    {row.label}
                  </th>
                  {items.map((p) => (
                    <td key={p.id}>{cell(p, row.key)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            {addLabel && (
              <tfoot>
                <tr>
                  <td class="nudge-compare__corner" />
                  {items.map((p, i) => (
                    <td key={p.id}>
                      {p.inStock !== false && (
                        <button
                          type="button"
                          class={added.includes(p.id) ? "nudge-compare__add nudge-compare__add--done" : "nudge-compare__add"}
                          aria-describedby={`${id}-p${i}`}
                          onClick={() => onAdd(p)}
                        >
                          {added.includes(p.id) ? t.added : addLabel}
                        </button>
                      )}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
        <p class="nudge-compare__sr" aria-live="polite">
          {announce}
        </p>
        <CloseButton class="nudge-compare__close" label={content.closeLabel || t.close} onClick={() => close("button")} />
      </div>
    </div>
  );
}
