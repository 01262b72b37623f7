import { useId, useRef, useState } from "preact/hooks";
import type { Product, WidgetProps } from "../../src/render/widget-api.js";
import { plural, stringsFor } from "../shared/i18n.js";
import { useModalFocus } from "../shared/use-modal-focus.js";
import { ProductCard } from "./product-card.js";
import type { CarouselContent } from "./schema.js";
import { recommend } from "./strategies.js";
import { carouselStrings, productCount } from "./strings.js";
import { Track } from "./track.js";
import { CloseButton } from "../shared/close-button.js";

/**
 * The carousel's products (its `prepare`): the strategy's pick from the catalog feed, or false
 * when it finds fewer than `minItems`; then nothing shows, not even an empty box, and nothing
 * is counted as shown.
 */
export async function prepareItems({ content, facts, catalog }: WidgetProps<CarouselContent>): Promise<Product[] | false> {
  const list = recommend(await catalog(), facts, content.strategy, {
    product: content.product,
    category: content.category,
    minAverageOrder: content.minAverageOrder,
    limit: content.maxItems ?? 12,
  });
  return list.length < (content.minItems ?? 3) ? false : list;
}

/**
 * Product recommendations from the catalog feed (see `prepareItems`): a row of cards that swipes,
 * scrolls with arrows and the keyboard, inline in the page or in a popup.
 *
 * @example
 * render(<Carousel {...widgetProps} prepared={products} content={{ strategy: "similar", placement: { selector: "#recs" } }} />, el);
 */
export function Carousel(props: WidgetProps<CarouselContent>) {
  const items = props.prepared as Product[];
  return props.content.layout === "popup" ? <CarouselDialog {...props} items={items} /> : <CarouselView {...props} items={items} />;
}

type ViewProps = WidgetProps<CarouselContent> & { items: Product[]; titleId?: string };

function CarouselView({ content, locale, currency, items, click, action, titleId }: ViewProps) {
  const t = stringsFor(carouselStrings, locale);
  const id = useId();
  const heading = titleId ?? `${id}-t`;
  const [added, setAdded] = useState<string[]>([]);
  const [announce, setAnnounce] = useState("");
  const addLabel = content.addToCart === false ? undefined : typeof content.addToCart === "string" ? content.addToCart : t.add;

  const onAdd = (p: Product) => {
    action("add_to_cart", { id: p.id, price: p.price, name: p.name });
    click({ id: p.id, action: "add_to_cart" });
    setAdded((was) => (was.includes(p.id) ? was : [...was, p.id]));
    setAnnounce(t.addedMessage.replace("{name}", p.name));
  };

  return (
    <section class="nudge-w nudge-carousel" role="region" aria-roledescription={t.carousel} aria-labelledby={heading} aria-describedby={`${id}-n`}>
      <Track
        id={`${id}-track`}
        count={items.length}
        labels={t}
        head={
          <>
            <h2 class="nudge-carousel__title" id={heading}>
              {content.title || t[content.strategy]}
            </h2>
            {content.text && <p class="nudge-carousel__text">{content.text}</p>}
            <p class="nudge-sr" id={`${id}-n`}>
              {plural(locale, items.length, productCount[locale.slice(0, 2).toLowerCase()] ?? productCount.en)}
            </p>
          </>
        }
        slide={(i, tabbable) => (
          <ProductCard
            product={items[i]}
            nameId={`${id}-p${i}`}
            tabbable={tabbable}
            locale={locale}
            currency={currency}
            addLabel={addLabel}
            added={added.includes(items[i].id)}
            addedLabel={t.added}
            wasLabel={t.was}
            onOpen={(p, href) => click({ id: p.id, href })}
            onAdd={onAdd}
          />
        )}
      />
      <p class="nudge-sr" aria-live="polite">
        {announce}
      </p>
    </section>
  );
}

/** The popup layout: the carousel in a modal dialog (focus trap, Esc, backdrop, focus returned). */
function CarouselDialog(props: ViewProps) {
  const { content, locale, close } = props;
  const t = stringsFor(carouselStrings, locale);
  const card = useRef<HTMLDivElement>(null);
  const titleId = `${useId()}-t`;
  const pressInCard = useRef(false);
  useModalFocus(card, { onEscape: () => close("escape"), initialFocus: card });
  return (
    <div
      class="nudge-w nudge-carousel-modal"
      onPointerDown={(e) => (pressInCard.current = e.target !== e.currentTarget)}
      onClick={(e) => {
        if (e.target === e.currentTarget && !pressInCard.current) close("backdrop");
        pressInCard.current = false;
      }}
    >
      <div ref={card} class="nudge-carousel-modal__card" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <CarouselView {...props} titleId={titleId} />
        <CloseButton class="nudge-carousel-modal__close" label={content.closeLabel || t.close} onClick={() => close("button")} />
      </div>
    </div>
  );
}
