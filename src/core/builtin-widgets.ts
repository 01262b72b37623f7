import type { WidgetLoader } from "../render/widget-api.js";

/** Built-in widget types: each is its own chunk, fetched only when one is about to show. */
export const builtinWidgets: Record<string, WidgetLoader> = {
  popup: () => import("../../widgets/popup/index.js"),
  carousel: () => import("../../widgets/carousel/index.js"),
};

/**
 * Whether a built-in widget shows as a modal, known before its code loads (for one modal
 * at a time): it must agree with the `modal` of the widget's definition.
 */
export const builtinModal: Record<string, (content: Record<string, unknown>) => boolean> = {
  popup: () => true,
  carousel: (content) => content.layout === "popup",
};

/** Whether a built-in widget is placed inside the page (not an overlay), known before its code loads: it must agree with its `placement`. */
export const builtinInline: Record<string, (content: Record<string, unknown>) => boolean> = {
  carousel: (content) => content.layout !== "popup",
};
