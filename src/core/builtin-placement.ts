/*
 * Each built-in type's placement, known before its code loads. Only `nudge build` and the browser's
 * validator read these (publish.ts, into `ahead.widgets[i].placement`): the runtime every page pays
 * reads the placement computed ahead, so it holds none of the types' layouts.
 */

/**
 * Whether a built-in widget shows as a modal, known before its code loads (for one modal
 * at a time): it must agree with the `modal` of the widget's definition.
 */
export const builtinModal: Record<string, (content: Record<string, unknown>) => boolean> = {
  // popupIsModal (widgets/popup/layout.ts) written out: importing it would split that tiny module into a chunk
  // of its own, one more request for every popup shown (test/unit/popup/offer.test.ts keeps both in step).
  popup: (content) => !content.layout || content.layout === "modal" || content.layout === "fullscreen",
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
