import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import type { SocialProofContent } from "./schema.js";
import { prepareProof, SocialProof } from "./social-proof.js";
import { socialProofStyles } from "./styles.js";

/**
 * The `social-proof` widget: a toast in a corner, "12 people bought this today", with the count
 * taken from the catalog feed (a product field such as `soldToday` or `viewsLastHour`). Not modal.
 *
 * @example
 * const { default: socialProof } = await import("nudge-sdk/widgets/social-proof");
 * nudge.registerWidget("social-proof", socialProof);
 */
const socialProof: WidgetDefinition<SocialProofContent> = {
  component: SocialProof,
  styles: baseStyles + socialProofStyles,
  modal: false,
  prepare: prepareProof,
};

export default socialProof;
