import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { baseStyles } from "../shared/base-styles.js";
import { Compare, prepareCompare } from "./compare.js";
import type { CompareContent } from "./schema.js";
import { compareStyles } from "./styles.js";

/**
 * The `compare` widget: the products the visitor viewed in one category side by side, with the
 * fields of the catalog feed, in a modal. With fewer than two such products it shows nothing and
 * is not counted as shown. Add to cart emits `action` ("add_to_cart"), as the carousel does.
 *
 * @example
 * const { default: compare } = await import("nudge-sdk/widgets/compare");
 * nudge.registerWidget("compare", compare);
 */
const compare: WidgetDefinition<CompareContent> = {
  component: Compare,
  styles: baseStyles + compareStyles,
  modal: true,
  prepare: prepareCompare,
};

export default compare;
