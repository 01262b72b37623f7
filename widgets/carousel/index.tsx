import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import { Carousel, prepareItems } from "./carousel.js";
import type { CarouselContent } from "./schema.js";
import { carouselStyles } from "./styles.js";

/** Whether a carousel with this content is a modal (its popup layout); `builtinModal.carousel` agrees. */
export const carouselIsModal = (content: Pick<CarouselContent, "layout">) => content.layout === "popup";

/**
 * The `carousel` widget: product recommendations from the catalog feed, inline in the page (at
 * `placement`) or in a popup. Loaded lazily by the runtime when a carousel is about to show.
 *
 * @example
 * const { default: carousel } = await import("nudge-sdk/widgets/carousel");
 * nudge.registerWidget("carousel", carousel);
 */
const carousel: WidgetDefinition<CarouselContent> = {
  component: Carousel,
  styles: baseStyles + carouselStyles,
  modal: carouselIsModal,
  placement: (content) => (carouselIsModal(content) ? undefined : content.placement),
  prepare: prepareItems,
};

export default carousel;
