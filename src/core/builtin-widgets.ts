import type { WidgetLoader } from "../render/widget-api.js";

/** Built-in widget types: each is its own chunk, fetched only when one is about to show. */
export const builtinWidgets: Record<string, WidgetLoader> = {
  popup: () => import("../../widgets/popup/index.js"),
};

/** Whether a built-in type is modal, known before its code loads (for one-modal-at-a-time). */
export const modalTypes = new Set(["popup"]);
