import { afterEach, describe, expect, it } from "vitest";
import { validateRules } from "../../../src/rules/validate.js";
import { metaPageType, pageType } from "../../../src/track/page-type.js";
import { cleanup, rulesOf, settle, start, warnings } from "../runtime/harness.js";

afterEach(() => {
  cleanup();
  document.head.querySelectorAll('meta[name="nudge:page-type"]').forEach((m) => m.remove());
});

const patterns = { product: "^/shop/product", category: "^/shop/c/", cart: "^/cart$", checkout: "^/checkout" };

describe("pageType()", () => {
  it.each([
    ["/shop/product/42", "product"],
    ["/shop/c/coffee", "category"],
    ["/cart", "cart"],
    ["/cart/extra", "other"],
    ["/checkout/pay", "checkout"],
    ["/", "home"],
    ["/about", "other"],
  ])("%s is %s", (path, type) => expect(pageType(path, patterns)).toBe(type));

  it("a host hint wins over the patterns; an unknown hint is ignored", () => {
    expect(pageType("/shop/product/42", patterns, "cart")).toBe("cart");
    expect(pageType("/shop/product/42", patterns, "banana")).toBe("product");
  });

  it("a broken pattern never matches and does not throw; prototype keys are not patterns", () => {
    expect(pageType("/x", { product: "([" })).toBe("other");
    expect(pageType("/x", Object.assign(Object.create({ product: "x" }), {}))).toBe("other");
  });

  it("reads <meta name=nudge:page-type>", () => {
    const meta = document.createElement("meta");
    meta.name = "nudge:page-type";
    meta.content = "checkout";
    document.head.append(meta);
    expect(metaPageType({ document } as never)).toBe("checkout");
    meta.content = "nonsense";
    expect(metaPageType({ document } as never)).toBeUndefined();
  });
});

describe("page.type in the runtime", () => {
  it("comes from settings.pageTypes, and follows single-page-app navigation", async () => {
    history.replaceState({}, "", "/shop/product/7");
    const h = start(rulesOf([], { pageTypes: patterns }));
    await h.nudge.ready;
    expect(h.nudge.facts().page.type).toBe("product");
    history.pushState({}, "", "/cart");
    expect(h.nudge.facts().page.type).toBe("cart");
  });

  it("the meta tag and page({ type }) are hints; a wrong type is a warning", async () => {
    const h = start(rulesOf([]), { trackPageViews: false });
    h.nudge.page({ type: "product" });
    await h.nudge.ready;
    expect(h.nudge.facts().page.type).toBe("product");
    const meta = document.createElement("meta");
    meta.name = "nudge:page-type";
    meta.content = "category";
    document.head.append(meta);
    h.nudge.page();
    expect(h.nudge.facts().page.type).toBe("category");
    h.nudge.page({ type: "shop" });
    await settle();
    expect(warnings(h).join("\n")).toContain("page(): type must be one of home, category, product, cart, checkout, other");
  });

  it("the rules schema checks pageTypes: known types, valid regexes", () => {
    const result = validateRules({ version: 1, settings: { pageTypes: { product: "^/p/", blog: "^/b" } }, widgets: [] });
    expect(JSON.stringify(result)).toContain("blog");
    const broken = validateRules({ version: 1, settings: { pageTypes: { product: "([" } }, widgets: [] });
    expect(JSON.stringify(broken)).toContain("a valid regular expression");
    const ok = validateRules({ version: 1, settings: { pageTypes: { product: "^/p/" } }, widgets: [] });
    expect(ok.problems).toEqual([]);
  });
});
