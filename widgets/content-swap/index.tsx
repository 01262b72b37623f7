import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { ContentSwap } from "./content-swap.js";
import type { ContentSwapContent } from "./schema.js";

/**
 * The `content-swap` widget: replaces the text of a page element (or a link's `href`, an image's
 * `src`/`alt`) for the visitors a rule picks, e.g. a hero headline for `?utm_source=blogger`, and
 * restores it on `hide()`. Not modal; it adds no box to the page.
 *
 * @example
 * const { default: contentSwap } = await import("nudge-sdk/widgets/content-swap");
 * nudge.registerWidget("content-swap", contentSwap);
 */
const contentSwap: WidgetDefinition<ContentSwapContent> = {
  component: ContentSwap,
  // Its host element goes right after the target and is not rendered at all: nothing in the page moves
  // (not even in a grid or flex container, where an empty box would still add a gap).
  styles: ":host{display:none!important}",
  drawsNothing: true,
  modal: false,
  placement: (content) => ({ selector: content.selector, position: "after" }),
};

export default contentSwap;
