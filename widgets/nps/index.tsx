import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import { Nps } from "./nps.js";
import type { NpsContent } from "./schema.js";
import { npsStyles } from "./styles.js";

/**
 * The `nps` widget: a 0–10 "would you recommend us" survey with a follow-up question by score.
 * A slide-in by default (not modal); `"layout": "modal"` makes it a modal.
 *
 * @example
 * const { default: nps } = await import("nudge-sdk/widgets/nps");
 * nudge.registerWidget("nps", nps);
 */
const nps: WidgetDefinition<NpsContent> = {
  component: Nps,
  styles: baseStyles + npsStyles,
  modal: (content) => content.layout === "modal",
};

export default nps;
