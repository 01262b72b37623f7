import type { Placement } from "../../src/render/widget-api.js";

/**
 * Whether a popup with this content is modal (takes focus, dims and blocks the page, one at a
 * time): only the "modal" (default) and "fullscreen" layouts. The runtime asks this before the
 * popup's code has loaded (`builtinModal.popup`), so it stays tiny and free of imports.
 */
export function popupIsModal(content: { layout?: string }): boolean {
  return !content.layout || content.layout === "modal" || content.layout === "fullscreen";
}

/** Where an inline popup goes in the page; undefined (the overlay layer) for every other layout. */
export function popupPlacement(content: { layout?: string; inline?: Placement }): Placement | undefined {
  return content.layout === "inline" && content.inline ? { selector: content.inline.selector, position: content.inline.position } : undefined;
}
