import { afterEach, describe, expect, it } from "vitest";
import { cleanup, on, rulesOf, start, warnings } from "../runtime/harness.js";

afterEach(cleanup);

describe("viewItem() and search()", () => {
  it("viewItem(product) tracks view_item, which fills viewed", async () => {
    const h = start(rulesOf([]));
    const tracked: Array<{ name: string; props: Record<string, unknown> }> = [];
    on(h.nudge, "track", (e) => void tracked.push(e));
    h.nudge.viewItem({ id: 42, name: "Mug", price: 9.5, category: "kitchen", brand: "Acme" });
    await h.nudge.ready;
    expect(tracked.find((e) => e.name === "view_item")?.props).toEqual({ id: "42", name: "Mug", price: 9.5, category: "kitchen", brand: "Acme" });
    const facts = h.nudge.facts();
    expect(facts.viewed).toMatchObject({ products: ["42"], categories: ["kitchen"], last: { id: "42", name: "Mug", price: 9.5, category: "kitchen" } });
    expect(facts.events.view_item.count).toBe(1);
  });

  it("search(query) tracks search with the trimmed query", async () => {
    const h = start(rulesOf([]));
    await h.nudge.ready;
    h.nudge.search("  green tea ");
    expect(h.nudge.facts().events.search).toMatchObject({ count: 1 });
    expect(JSON.stringify(h.nudge.facts().events.search)).toContain("green tea");
  });

  it.each([
    ["viewItem", [undefined], "viewItem(): expected a product object"],
    ["viewItem", [{ name: "no id" }], "viewItem(): product.id"],
    ["viewItem", [{ id: "a", price: -1 }], "viewItem(): product.price must be a number ≥ 0"],
    ["viewItem", [{ id: "a", category: 5 }], "viewItem(): product.category must be a string"],
    ["search", [""], "search(): expected a non-empty search string"],
    ["search", [42], "search(): expected a non-empty search string"],
  ] as const)("%s(%j) is a warning, not a throw", async (method, input, message) => {
    const h = start(rulesOf([]));
    await h.nudge.ready;
    expect(() => (h.nudge[method] as (...a: unknown[]) => void)(...input)).not.toThrow();
    expect(warnings(h).join("\n")).toContain(message);
    expect(h.nudge.facts().events).not.toHaveProperty(method === "search" ? "search" : "view_item");
  });

  it("the script-tag queue runs them: push(['viewItem', …]) and push(['search', …])", async () => {
    const h = start(rulesOf([]));
    h.nudge.push(["viewItem", { id: "sku-9" }]);
    h.nudge.push(["search", "boots"]);
    await h.nudge.ready;
    const facts = h.nudge.facts();
    expect(facts.viewed.products).toEqual(["sku-9"]);
    expect(facts.events.search.count).toBe(1);
  });
});
