import type { RulesFile } from "nudge-sdk";

// Inline here; a real app would usually fetch them: options={{ rules: "/nudge-rules.json" }}.
export const rules: RulesFile = {
  version: 1,
  // The app registers this type with reactWidget(); declaring it lets the validator catch typos in built-in ones.
  settings: { customWidgets: ["cart-note"] },
  widgets: [
    {
      id: "cart-note",
      type: "cart-note",
      trigger: { type: "event", name: "add_to_cart" },
      frequency: { session: 1 },
      content: { title: "Nice choice! 10% off your first order", code: "MUG10" },
    },
  ],
};
