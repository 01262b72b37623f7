import type { AnyWidgetDefinition, WidgetLoader } from "../render/widget-api.js";

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

/** Whether a widget with this content shows as a modal, from its definition (before its code has loaded, the placement computed ahead: builtin-placement.ts). */
export function modalOf(definition: AnyWidgetDefinition | undefined, content: Record<string, unknown>): boolean {
  const modal = definition?.modal;
  return typeof modal === "function" ? !!modal(content) : !!modal;
}
