import type { Product } from "../render/widget-api.js";
import type { RulesProblem } from "../rules/problems.js";
import { checkCatalog } from "./catalog.js";

/** A widget as the check needs it: its type and content. */
interface WidgetLike {
  type: string;
  content?: Record<string, unknown>;
  variants?: Array<{ content: Record<string, unknown> }>;
}

/**
 * Every problem of a catalog feed with its path (`catalog[3].price: …`), and, when the rules are
 * given, carousel content that names a product or category the feed does not have
 * (`widgets[2].content.product: …`). Used by `nudge validate rules.json --catalog feed.json`.
 *
 * @example
 * const { products, problems } = feedProblems(JSON.parse(feedText), rules.widgets);
 */
export function feedProblems(feed: unknown, widgets: readonly WidgetLike[] = []): { products: Product[]; problems: RulesProblem[] } {
  const problems: RulesProblem[] = [];
  const products = checkCatalog(feed, (path, message) => problems.push({ path, message }));
  if (products.length) {
    const ids = new Set(products.map((p) => p.id));
    const categories = new Set(products.map((p) => p.category));
    widgets.forEach((widget, i) => {
      if (widget.type !== "carousel") return;
      const contents = widget.variants?.length
        ? widget.variants.map((v, j) => [`widgets[${i}].variants[${j}].content`, v.content] as const)
        : [[`widgets[${i}].content`, widget.content ?? {}] as const];
      for (const [path, content] of contents) {
        if (typeof content.product === "string" && !ids.has(content.product))
          problems.push({ path: `${path}.product`, message: `"${content.product}" is not a product of the catalog` });
        if (typeof content.category === "string" && !categories.has(content.category))
          problems.push({ path: `${path}.category`, message: `no product of the catalog is in category "${content.category}"` });
      }
    });
  }
  return { products, problems };
}
