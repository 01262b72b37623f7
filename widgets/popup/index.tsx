import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import { Popup } from "./popup.js";
import type { PopupContent } from "./schema.js";
import { popupStyles } from "./styles.js";

/**
 * The `popup` widget: a modal card with an optional image, title, text, call to
 * action and "no thanks" link. Loaded lazily by the runtime when a popup is about to show.
 *
 * @example
 * const { default: popup } = await import("nudge/widgets/popup");
 * nudge.registerWidget("popup", popup);
 */
const popup: WidgetDefinition<PopupContent> = {
  component: Popup,
  styles: baseStyles + popupStyles,
  modal: true,
};

export default popup;
