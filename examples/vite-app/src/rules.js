// The rules, inline here; a real site would usually fetch them: createNudge({ rules: "/nudge-rules.json" }).
export const rules = {
  version: 1,
  widgets: [
    {
      id: "welcome",
      type: "popup",
      trigger: "page_view",
      frequency: { session: 1 },
      priority: 10,
      content: { title: "Welcome to the demo", text: "A built-in popup, loaded only when it shows.", cta: { label: "Thanks", action: "close" } },
    },
    {
      id: "offer",
      type: "popup",
      trigger: "manual",
      content: { eyebrow: "For you", title: "Free shipping today", text: "Your cart holds {{cart.count|no}} item(s).", dismiss: "Not now" },
    },
    {
      id: "cart-banner",
      type: "banner",
      trigger: { type: "event", name: "add_to_cart" },
      content: { text: "Added! Free shipping from $60." },
    },
  ],
};
