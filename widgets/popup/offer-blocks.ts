/** The countdown and coupon blocks of a popup: one chunk, loaded by a popup that shows either (see `blocks.ts`). */
export { Countdown } from "../shared/countdown-view.js";
export { Coupon } from "../shared/coupon.js";
