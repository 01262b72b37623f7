import type { WidgetDefinition, WidgetProps } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import { layerStyles } from "../shared/layer-styles.js";
import { popupIsModal, popupPlacement } from "./layout.js";
import { loadPopupBlocks } from "./blocks.js";
import { Popup } from "./popup.js";
import type { PopupContent } from "./schema.js";
import { popupStyles } from "./styles.js";

/** The code that asks the collector loads only for a popup whose coupon names a pool. */
const claimFrom = (props: WidgetProps<PopupContent>, pool: string) => import("../shared/claim-coupon.js").then((m) => m.claimCoupon(props, pool));

/**
 * The `popup` widget: a modal card (or a slide-in, a top or bottom bar, a full-screen takeover, an
 * inline block) with an optional image, title, text, countdown, coupon, lead form, buttons and
 * "no thanks" link. Loaded lazily by the runtime when a popup is about to show.
 *
 * @example
 * const { default: popup } = await import("nudge-sdk/widgets/popup");
 * nudge.registerWidget("popup", popup);
 */
const popup: WidgetDefinition<PopupContent> = {
  component: Popup,
  styles: baseStyles + layerStyles + popupStyles, // the blocks and the layouts other than the modal card bring their own CSS (blocks.ts)
  modal: popupIsModal,
  placement: popupPlacement,
  // The code of its form, countdown or coupon loads before it mounts: it first renders whole, and a
  // chunk that fails to load is reported with the popup never counted as shown.
  // A unique code from the collector (`coupon.pool`) is claimed meanwhile: none, and the popup does not show.
  prepare: (props) =>
    Promise.all([loadPopupBlocks(props.content), props.content.coupon?.pool ? claimFrom(props, props.content.coupon.pool) : undefined]).then(([, claimed]) => claimed),
};

export default popup;
