import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import { layerStyles } from "../shared/layer-styles.js";
import { offerStyles } from "../shared/offer-styles.js";
import { CountdownCoupon } from "./countdown-coupon.js";
import type { CountdownCouponContent } from "./schema.js";
import { countdownCouponStyles } from "./styles.js";

/**
 * The `countdown-coupon` widget: a bar or slide-in with a ticking countdown (to a fixed local date,
 * or evergreen per visitor) and a coupon code to copy. Not modal. Loaded lazily by the runtime.
 *
 * @example
 * const { default: countdownCoupon } = await import("nudge-sdk/widgets/countdown-coupon");
 * nudge.registerWidget("countdown-coupon", countdownCoupon);
 */
const countdownCoupon: WidgetDefinition<CountdownCouponContent> = {
  component: CountdownCoupon,
  styles: baseStyles + offerStyles + layerStyles + countdownCouponStyles,
  modal: false,
  // A unique code from the collector (`coupon.pool`): none, and the widget does not show.
  prepare: (props) => {
    const { pool } = props.content.coupon;
    return pool ? import("../shared/claim-coupon.js").then((m) => m.claimCoupon(props, pool)) : undefined;
  },
};

export default countdownCoupon;
