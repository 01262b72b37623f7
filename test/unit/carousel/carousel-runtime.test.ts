import { afterEach, describe, expect, it } from "vitest";
import { validateRules } from "../../../src/rules/validate.js";
import { cleanup, on, rulesOf, settle, start, TestWidget } from "../runtime/harness.js";

afterEach(cleanup);

const product = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Product ${id}`,
  url: `/p/${id}`,
  image: `/img/${id}.svg`,
  price: 10,
  category: "coffee",
  ...extra,
});
const feed = [product("a", { popularity: 3 }), product("b", { popularity: 2, oldPrice: 20 }), product("c", { popularity: 1 }), product("x", { category: "tea" })];

/** The shadow root of the first inline widget host in the page. */
const inline = () => document.querySelector("nudge-inline")?.shadowRoot ?? null;

describe("the carousel in the runtime", () => {
  it("renders the strategy's products inline at its placement, as text, with an add-to-cart action", async () => {
    document.body.innerHTML = `<main><div id="recs"></div></main>`;
    const h = start(rulesOf([{ id: "recs", type: "carousel", trigger: "page_view", content: { strategy: "popular", category: "coffee", placement: { selector: "#recs" } } }]), {
      catalog: feed,
    });
    const actions: unknown[] = [];
    const clicks: unknown[] = [];
    on(h.nudge, "action", (e) => void actions.push(e));
    on(h.nudge, "clicked", (e) => void clicks.push(e));
    await h.nudge.ready;
    await settle(20);
    const root = inline()!;
    expect(root.host.parentElement!.id).toBe("recs");
    const names = [...root.querySelectorAll(".nudge-card__name")].map((n) => n.textContent);
    expect(names).toEqual(["Product a", "Product b", "Product c"]);
    expect(root.querySelector("[aria-roledescription=carousel]")!.getAttribute("aria-labelledby")).toBeTruthy();
    expect([...root.querySelectorAll("[role=group]")].map((g) => g.getAttribute("aria-label"))).toEqual(["1 of 3", "2 of 3", "3 of 3"]);
    expect(root.querySelector("img")!.getAttribute("alt")).toBe("Product a");
    expect(root.querySelector("img")!.getAttribute("loading")).toBe("lazy");
    expect(root.querySelector(".nudge-card__badge")!.textContent).toBe("−50%");
    root.querySelectorAll<HTMLButtonElement>(".nudge-card__add")[1].click();
    await settle();
    expect(actions).toEqual([expect.objectContaining({ id: "recs", name: "add_to_cart", payload: { id: "b", price: 10, name: "Product b" } })]);
    expect(clicks).toEqual([expect.objectContaining({ id: "recs" })]);
    expect(h.problems).toEqual([]);
  });

  it("shows nothing at all and is not counted as shown when the strategy finds fewer than minItems", async () => {
    document.body.innerHTML = `<div id="recs"></div>`;
    const h = start(rulesOf([{ id: "recs", type: "carousel", content: { strategy: "popular", category: "tea", placement: { selector: "#recs" } } }]), { catalog: feed });
    const seen: unknown[] = [];
    on(h.nudge, "shown", (e) => void seen.push(e));
    on(h.nudge, "closed", (e) => void seen.push(e));
    await h.nudge.ready;
    await settle(20);
    expect(document.querySelector("nudge-inline")).toBeNull();
    expect(document.getElementById("recs")!.innerHTML).toBe("");
    expect(seen).toEqual([]);
    expect(h.shown).toEqual([]);
  });

  it("inline widgets are not held back or counted by quietPeriod, maxPerPage and maxPerSession; overlays still are", async () => {
    document.body.innerHTML = `<div id="slot"></div>`;
    const rules = rulesOf(
      [
        { id: "offer", type: "popup", priority: 1, content: { title: "offer" } },
        { id: "recs", type: "inline", priority: 9, content: {} },
        { id: "later", type: "popup", priority: 0, content: { title: "later" } },
      ],
      { quietPeriod: "10m", maxPerPage: 1, maxPerSession: 2 },
    );
    const h = start(rules, { widgets: { popup: { component: TestWidget, modal: true }, inline: { component: TestWidget, placement: () => ({ selector: "#slot" }) } } });
    await h.nudge.ready;
    await settle();
    expect(h.shown).toEqual(["recs", "offer"]); // the inline one did not use up maxPerPage
    h.nudge.hide();
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["recs", "offer", "recs"]); // no quiet period for the inline one
    expect(h.nudge.explain("later")[0].blockedBy.join("; ")).toMatch(/settings\.quietPeriod/);
    expect(h.nudge.explain("later")[0].blockedBy.join("; ")).not.toMatch(/maxPerSession/); // 1 interruption so far, not 3
  });

  it("the content schema: an inline carousel needs a placement; the strategy must be known", () => {
    const { problems } = validateRules(
      rulesOf([
        { id: "a", type: "carousel", content: { strategy: "similar" } },
        { id: "b", type: "carousel", content: { strategy: "cheapest", layout: "popup" } },
        { id: "c", type: "carousel", content: { strategy: "upsell", layout: "popup", minItems: 0 } },
        { id: "d", type: "carousel", content: { strategy: "similar", placement: { selector: "#x" }, maxItems: 8, addToCart: "Buy" } },
      ]),
    );
    expect(problems.map((p) => p.path)).toEqual(["widgets[0].content.placement", "widgets[1].content.strategy", "widgets[2].content.minItems"]);
    expect(problems[0].message).toContain("an inline carousel needs");
  });
});
