import { afterEach, describe, expect, it } from "vitest";
import { compileRules } from "../../../src/rules/compile-rules.js";
import { EXTRA_OPERATORS, needsExtraOperators } from "../../../src/rules/condition/operator-registry.js";
import { publishRules } from "../../../src/rules/publish.js";
import { stampOf } from "../../../src/rules/published.js";
import type { RulesFile } from "../../../src/rules/schema/rules-schema.js";
import { cleanup, onScreen, rulesOf, settle, start } from "../runtime/harness.js";

afterEach(cleanup);

const facts = { page: { path: "/sale/shoes", url: "https://shop.test/sale/shoes" }, app: { version: "2.1.0" }, cart: { count: 1 } };
const usingVersions = rulesOf([
  { id: "sale", type: "popup", when: { "app.version": { $vgte: "2.0.0" } }, content: { title: "Sale" } },
  { id: "cart", type: "popup", when: { "page.path": { $in: ["/", "/sale/shoes"] } }, content: { title: "Cart" } },
]);

/** A published file whose stamp says it uses no operator: the lie `nudge build` never writes. */
function lyingAbout(rules: RulesFile) {
  const published = publishRules(rules);
  const ahead = { ...published.ahead, operators: [] };
  return { ...published, ahead, hash: stampOf(ahead, published.rules) };
}

// Tests in file order: the extra operators are loaded once per page (module state), so the "not loaded" cases come first.
describe("operators by use: before the extra chunk is loaded", () => {
  it("an operator the core does not hold evaluates false, with one report naming it; the rest of the file works", () => {
    const errors: Array<[string, string]> = [];
    const twice = rulesOf([
      ...usingVersions.widgets,
      { id: "again", type: "popup", when: { "page.url": { $olderThan: "1d" }, "app.version": { $vgt: "1" }, $event: { name: "x" } }, content: { title: "x" } },
    ]);
    const compiled = compileRules(twice, (path, error) => errors.push([path, (error as Error).message]));
    expect(compiled.widgets.map((w) => [w.id, w.when(facts)])).toEqual([
      ["sale", false],
      ["cart", true],
      ["again", false],
    ]);
    expect(errors).toEqual([["conditions", "$vgte, $olderThan, $vgt, $event: not loaded (the file's stamp does not list it) or unknown; those tests evaluate false"]]);
  });

  it("a stamp that lies about its operators: no throw into the page, the widget stays hidden, one console error names the operator", async () => {
    const h = start(lyingAbout(usingVersions) as unknown as RulesFile);
    await h.nudge.ready;
    await settle();
    expect(onScreen()).toEqual(["cart"]);
    const errors = h.console.error.mock.calls.map((call) => String(call[0]));
    expect(errors.filter((line) => line.includes("$vgte"))).toHaveLength(1);
  });
});

describe("operators by use: a file that lists them loads them", () => {
  it("the core knows which operators need the extra chunk", () => {
    expect(needsExtraOperators(["$gte", "$in", "$and", "$elemMatch", "$exists", "$not"])).toBe(false);
    for (const name of EXTRA_OPERATORS) expect(needsExtraOperators(["$eq", name])).toBe(true);
  });

  it("$regex and $regexi are in the core: a file using only them needs no extra chunk, and they match before it loads", () => {
    expect(needsExtraOperators(["$regex", "$regexi", "$eq"])).toBe(false);
    const rules = rulesOf([
      { id: "sale", type: "popup", when: { "page.path": { $regex: "^/sale/" } }, content: { title: "Sale" } },
      { id: "shoes", type: "popup", when: { "page.url": { $regexi: "SHOES" } }, content: { title: "Shoes" } },
      { id: "no", type: "popup", when: { "page.path": { $regex: "^/cart" } }, content: { title: "No" } },
      { id: "bad", type: "popup", when: { "page.path": { $regex: 3 } }, content: { title: "Bad" } },
    ]);
    const compiled = compileRules(rules, (path, error) => {
      throw new Error(`${path}: ${error}`);
    });
    expect(compiled.widgets.map((w) => w.when(facts))).toEqual([true, true, false, false]);
  });

  it("a published file using $vgte loads the operators before its rules compile, and its widget shows", async () => {
    const published = publishRules(
      rulesOf([{ id: "sale", type: "popup", when: { "page.path": { $regex: "^/$" }, "visitor.pagesThisSession": { $vgte: "1" } }, content: { title: "Sale" } }]),
    );
    expect(published.ahead.operators).toEqual(["$regex", "$vgte"]);
    const h = start(published as unknown as RulesFile);
    await h.nudge.ready;
    await settle();
    expect(onScreen()).toEqual(["sale"]);
    expect(h.console.error).not.toHaveBeenCalled();
  });

  it("once loaded, every extra operator compiles as before (versions, relative time, $event)", () => {
    const rules = rulesOf([
      { id: "v", type: "popup", when: { "app.version": { $vgte: "2.0.0", $vlt: "2.1.1" } }, content: { title: "v" } },
      { id: "t", type: "popup", when: { "orders.last.time": { $olderThan: "1d" } }, content: { title: "t" } },
      { id: "e", type: "popup", when: { $event: { name: "add_to_cart", count: { $gte: 2 } } }, content: { title: "e" } },
    ]);
    const compiled = compileRules(rules, (path, error) => {
      throw new Error(`${path}: ${error}`);
    });
    const now = Date.UTC(2026, 0, 10);
    const at = { ...facts, time: { now }, orders: { last: { time: now - 2 * 86_400_000 } }, events: { add_to_cart: { count: 2, first: 1, last: 2 } } };
    expect(compiled.widgets.map((w) => w.when(at))).toEqual([true, true, true]);
  });

  it("the operators a published file uses include those of a variant's trigger", () => {
    const published = publishRules(
      rulesOf([{ id: "v", type: "popup", variants: [{ id: "a", trigger: { type: "event", name: "view", where: { "props.url": { $regex: "x" } } }, content: { title: "A" } }] }]),
    );
    expect(published.ahead.operators).toContain("$regex");
  });
});
