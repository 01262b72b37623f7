/*
 * One widget of each built-in type (src/core/builtin-widgets.ts), for the journey "renders and
 * closes, by keyboard too": its content, what shows it rendered, and how a keyboard closes it.
 */

export interface WidgetCase {
  type: string;
  content: Record<string, unknown>;
  /** Inside the widget's shadow root once it has rendered. */
  rendered: string;
  /** A modal: Escape closes it. */
  modal: boolean;
  /** The close button Tab must reach (none for content-swap, which draws nothing of its own). */
  close?: string;
  /** The key that presses the close button. */
  key?: "Enter" | " ";
  /** The `closed` event's reason after the button. */
  reason?: string;
}

/** A small catalog feed, inline in the rules file: the carousel's products and the social proof's count. */
export const catalog = ["Blue mug", "Red mug", "Green mug", "Tea cup"].map((name, i) => ({
  id: `sku-${i + 1}`,
  name,
  url: `/t/a.html?p=${i + 1}`,
  price: 10 + i,
  currency: "USD",
  category: "mugs",
  popularity: 10 - i,
  soldToday: 7,
}));

export const WIDGET_CASES: WidgetCase[] = [
  { type: "popup", content: { title: "A popup", dismiss: "No thanks" }, rendered: ".nudge-popup__card", modal: true, close: ".nudge-popup__close", key: "Enter", reason: "button" },
  {
    type: "nps",
    content: { layout: "modal", question: "How likely are you to recommend us?" },
    rendered: ".nudge-nps",
    modal: true,
    close: ".nudge-nps__close",
    key: " ",
    reason: "button",
  },
  {
    type: "wheel",
    content: {
      title: "Spin for a treat",
      segments: ["10% off", "No luck", "Free shipping", "5% off"].map((label, i) => ({ label, weight: 1, ...(i % 2 ? {} : { code: `CODE${i}` }) })),
    },
    rendered: ".nudge-wheel__close",
    modal: true,
    close: ".nudge-wheel__close",
    key: "Enter",
    reason: "button",
  },
  {
    type: "carousel",
    content: { strategy: "popular", category: "mugs", layout: "popup", title: "Popular mugs" },
    rendered: ".nudge-carousel-modal__close",
    modal: true,
    close: ".nudge-carousel-modal__close",
    key: " ",
    reason: "button",
  },
  {
    type: "social-proof",
    content: { productId: "sku-1", metric: "soldToday", duration: 0 },
    rendered: ".nudge-sp__card",
    modal: false,
    close: ".nudge-sp__close",
    key: "Enter",
    reason: "button",
  },
  {
    type: "countdown-coupon",
    content: { title: "15% off your cart", countdown: { evergreen: "30m" }, coupon: { code: "SAVE15" } },
    rendered: ".nudge-cc",
    modal: false,
    close: ".nudge-cc__close",
    key: " ",
    reason: "button",
  },
  {
    type: "chatbot",
    content: { name: "Mia", teaser: "Need a hand choosing?", start: "hello", nodes: { hello: { type: "end", say: "Happy browsing!" } } },
    rendered: ".nudge-chat__teaser",
    modal: false,
    close: ".nudge-chat__teaser-x",
    key: "Enter",
    reason: "dismiss",
  },
  { type: "content-swap", content: { selector: "#hero", text: "Swapped for you" }, rendered: "", modal: false },
];

/** The rules file: each case as a manual widget whose id is its type. */
export const widgetRules = () => ({
  version: 1,
  settings: { catalog, maxPerPage: 50, maxPerSession: 100 },
  widgets: WIDGET_CASES.map((c) => ({ id: c.type, type: c.type, trigger: "manual", content: c.content })),
});
