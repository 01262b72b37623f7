import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import type { WheelContent } from "./schema.js";
import { wheelStyles } from "./styles.js";
import { Wheel } from "./wheel.js";

/**
 * The `wheel` widget (spin to win): a modal wheel of prizes with weighted odds, one spin per
 * visitor, an optional email before the spin, and the won coupon code with a copy button.
 *
 * @example
 * const { default: wheel } = await import("nudge-sdk/widgets/wheel");
 * nudge.registerWidget("wheel", wheel);
 */
const wheel: WidgetDefinition<WheelContent> = {
  component: Wheel,
  styles: baseStyles + wheelStyles,
  modal: true,
  // Drawn by the collector (`content.wheel`): its labels (never its odds) and the visitor's earlier spin load first.
  prepare: (props) => {
    const { wheel } = props.content;
    return wheel ? import("../shared/claim-coupon.js").then((m) => m.loadWheel(props, wheel)) : undefined;
  },
};

export default wheel;
