/**
 * The countdown and coupon blocks of a popup and their CSS, loaded by a popup that shows either
 * (see `blocks.ts`), with the countdown's deadline hook. Only re-exports: the code is shared with the countdown-coupon widget, so it
 * lands in the chunk both load. (Where the blocks sit in a popup is in the popup's own CSS.)
 */
export { Countdown } from "../shared/countdown-view.js";
export { Coupon } from "../shared/coupon.js";
export { useDeadline } from "../shared/use-deadline.js";
export { offerStyles as styles } from "../shared/offer-styles.js";
