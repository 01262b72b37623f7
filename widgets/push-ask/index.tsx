import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import { shouldAsk } from "./ask.js";
import { PushAsk } from "./push-ask.js";
import type { PushAskContent } from "./schema.js";
import { pushAskStyles } from "./styles.js";

/**
 * The `push-ask` widget: asks in the shop's words before the browser's notification prompt. A
 * browser without notifications, one already answered, or a visitor who said "no" within
 * `askAgainAfter` never sees it (its `prepare` finds nothing to show). The site subscribes the
 * visitor with its push provider on the `push` event.
 *
 * @example
 * const { default: pushAsk } = await import("nudge-sdk/widgets/push-ask");
 * nudge.registerWidget("push-ask", pushAsk);
 * nudge.on("push", ({ permission }) => permission === "granted" && provider.subscribe());
 */
const pushAsk: WidgetDefinition<PushAskContent> = {
  component: PushAsk,
  styles: baseStyles + pushAskStyles,
  modal: false,
  prepare: shouldAsk,
};

export default pushAsk;
