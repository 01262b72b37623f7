import type { Strings } from "../shared/i18n.js";

/** The popup's own strings (the marketer's come from the rules); the lead form has its own, in `lead-strings.ts`. */
export const popupStrings: Strings<"close"> = {
  en: { close: "Close" },
  ru: { close: "Закрыть" },
};
