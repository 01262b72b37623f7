import type { AnyWidgetDefinition, WidgetLoader } from "../render/widget-api.js";
import { popupIsModal } from "../../widgets/popup/layout.js";

/** Built-in widget types: each is its own chunk, fetched only when one is about to show. */
export const builtinWidgets: Record<string, WidgetLoader> = {
  popup: () => import("../../widgets/popup/index.js"),
  "social-proof": () => import("../../widgets/social-proof/index.js"),
  nps: () => import("../../widgets/nps/index.js"),
  wheel: () => import("../../widgets/wheel/index.js"),
  "content-swap": () => import("../../widgets/content-swap/index.js"),
  "countdown-coupon": () => import("../../widgets/countdown-coupon/index.js"),
  chatbot: () => import("../../widgets/chatbot/index.js"),
  carousel: () => import("../../widgets/carousel/index.js"),
  "push-ask": () => import("../../widgets/push-ask/index.js"),
  compare: () => import("../../widgets/compare/index.js"),
  survey: () => import("../../widgets/survey/index.js"),
};

/**
 * Whether a built-in widget shows as a modal, known before its code loads (for one modal
 * at a time): it must agree with the `modal` of the widget's definition.
 */
export const builtinModal: Record<string, (content: Record<string, unknown>) => boolean> = {
  popup: popupIsModal,
  "social-proof": () => false,
  nps: (content) => content.layout === "modal",
  wheel: () => true,
  "content-swap": () => false,
  "countdown-coupon": () => false,
  chatbot: () => false,
  carousel: (content) => content.layout === "popup",
  "push-ask": () => false,
  compare: () => true,
  survey: (content) => content.layout === "modal",
};

/** Whether a built-in widget is placed inside the page (not an overlay), known before its code loads: it must agree with its `placement`. */
export const builtinInline: Record<string, (content: Record<string, unknown>) => boolean> = {
  popup: (content) => content.layout === "inline",
  "content-swap": () => true,
  carousel: (content) => content.layout !== "popup",
};

/** Whether a widget with this content shows as a modal, from its definition (see `builtinModal` before its code has loaded). */
export function modalOf(definition: AnyWidgetDefinition | undefined, content: Record<string, unknown>): boolean {
  const modal = definition?.modal;
  return typeof modal === "function" ? !!modal(content) : !!modal;
}
