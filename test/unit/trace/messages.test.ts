import { describe, expect, it } from "vitest";
import { traceCondition } from "../../../src/rules/trace/index.js";
import type { TraceResult } from "../../../src/rules/trace/index.js";

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 10, 12);
const TODAY = Date.UTC(2024, 5, 10) / DAY;
const time = { now: NOW, date: "2024-06-10" };
const messages = (result: TraceResult) => result.failures.map((failure) => failure.message);

describe("traceCondition messages", () => {
  it("names the field, the operator, what was expected and what was found", () => {
    const result = traceCondition(
      { "cart.value": { $gte: 50 }, "visitor.pagesThisSession": 2, "page.type": "product" },
      { cart: { value: 32.5 }, visitor: { pagesThisSession: 1 }, page: { type: "product" } },
    );
    expect(result.pass).toBe(false);
    expect(result.failures).toEqual([
      { path: "cart.value", operator: "$gte", expected: 50, actual: 32.5, message: "cart.value: expected $gte 50, found 32.5" },
      { path: "visitor.pagesThisSession", operator: "equals", expected: 2, actual: 1, message: "visitor.pagesThisSession: expected 2, found 1" },
    ]);
  });

  it("passes with no failures", () => {
    expect(traceCondition({ "cart.count": { $gt: 0 } }, { cart: { count: 2 } })).toEqual({ pass: true, failures: [] });
  });

  it("says nothing was found for a missing field, and words a few operators plainly", () => {
    const result = traceCondition(
      { "geo.country": { $in: ["DE", "AT"] }, "page.path": { $regex: "^/product" }, "attributes.email": { $exists: true } },
      { page: { path: "/cart" } },
    );
    expect(messages(result)).toEqual([
      'geo.country: expected one of ["DE","AT"], found nothing',
      'page.path: expected to match /^/product/, found "/cart"',
      "attributes.email: expected to be set, found nothing",
    ]);
  });

  it("nests the alternatives of a failed $or, with paths saying which", () => {
    const result = traceCondition({ $or: [{ "cart.value": { $gte: 50 } }, { "visitor.isNew": true }] }, { cart: { value: 10 }, visitor: { isNew: false } });
    expect(messages(result)).toEqual(["$or: none of 2 alternatives held"]);
    expect(result.failures[0].children?.map(({ path, message }) => `${path} | ${message}`)).toEqual([
      "$or[0].cart.value | cart.value: expected $gte 50, found 10",
      "$or[1].visitor.isNew | visitor.isNew: expected true, found false",
    ]);
  });

  it("reports $and items flat, $nor by the alternative that held, $not as held", () => {
    const facts = { a: 1, b: 2 };
    expect(traceCondition({ $and: [{ a: 1 }, { b: 3 }] }, facts).failures[0].path).toBe("$and[1].b");
    expect(traceCondition({ $nor: [{ a: 2 }, { b: 2 }] }, facts).failures[0]).toMatchObject({
      path: "$nor[1]",
      message: "$nor: alternative 2 of 2 held, expected none to",
    });
    expect(messages(traceCondition({ $not: { a: 1 } }, facts))).toEqual(['$not: expected {"a":1} not to hold, but it did']);
  });

  it("says which test inside a segment failed", () => {
    const segments: Record<string, Record<string, unknown>> = { vip: { "orders.count": { $gte: 5 } }, loop: { $segment: "loop" } };
    const options = { segment: (name: string) => segments[name] };
    const result = traceCondition({ $segment: "vip" }, { orders: { count: 2 } }, options);
    expect(messages(result)).toEqual(['$segment "vip": not in the segment']);
    expect(result.failures[0].children?.map((failure) => failure.message)).toEqual(["orders.count: expected $gte 5, found 2"]);
    expect(messages(traceCondition({ $segment: "nope" }, {}, options))).toEqual(['$segment "nope": unknown segment']);
    expect(traceCondition({ $segment: "loop" }, {}, options).failures[0].children?.[0].message).toBe('$segment "loop": refers to itself, so it counts as false');
    expect(messages(traceCondition({ $segment: "vip" }, {}))).toEqual(['$segment "vip": no segments were given, so it counts as false']);
  });

  it("explains $event counts, windows and missing history", () => {
    const events = {
      add_to_cart: { count: 4, first: NOW - 40 * DAY, last: NOW - 3 * DAY, days: { [TODAY - 3]: 1, [TODAY - 20]: 3 } },
      purchase: { count: 1, first: NOW - 5 * 3_600_000, last: NOW - 5 * 3_600_000 },
    };
    const trace = (test: Record<string, unknown>, facts: unknown = { time, events }) => messages(traceCondition({ $event: test }, facts));
    expect(trace({ name: "add_to_cart", within: "7d", count: { $gte: 2 } })).toEqual(["$event add_to_cart within 7d: count 1, expected $gte 2"]);
    expect(trace({ name: "add_to_cart", count: 5 })).toEqual(["$event add_to_cart: count 4 (all time), expected 5"]);
    expect(trace({ name: "wishlist" })).toEqual(["$event wishlist: count 0 (all time), expected at least 1"]);
    expect(trace({ name: "add_to_cart", lastWithin: "2d" })).toEqual(["$event add_to_cart: last happened 3 days ago, expected within 2d"]);
    expect(trace({ name: "wishlist", lastWithin: "2d" })).toEqual(["$event wishlist: never happened, expected within 2d"]);
    expect(trace({ name: "purchase", notWithin: "30d" })).toEqual(["$event purchase: happened 5 hours ago, expected not within 30d"]);
    expect(trace({ name: "purchase", within: "2h" })).toEqual(['$event purchase within 2h: count unknown, events.purchase has no usable "recent"']);
    expect(trace({ name: "purchase", within: "7d" })).toEqual(['$event purchase within 7d: count unknown, events.purchase has no usable "days"']);
    expect(trace({ name: "add_to_cart", within: "7d", where: { "props.price": { $gt: 50 } } })).toEqual([
      '$event add_to_cart within 7d where {"props.price":{"$gt":50}}: count unknown, events.add_to_cart has no usable "recent"',
    ]);
    expect(trace({ name: "add_to_cart", within: "7d" }, { events })).toEqual(["$event add_to_cart within 7d: time.now is missing, so a time window cannot be checked"]);
  });

  it("explains relative time in ages", () => {
    const facts = { time, visitor: { firstSeen: NOW - 12 * DAY - 5000, lastSeen: "yesterday" } };
    expect(messages(traceCondition({ "visitor.firstSeen": { $olderThan: "30d" } }, facts))).toEqual(["visitor.firstSeen: expected older than 30d, found 12 days ago"]);
    expect(messages(traceCondition({ "visitor.lastSeen": { $newerThan: "1h" } }, facts))).toEqual([
      'visitor.lastSeen: expected within the last 1h, found "yesterday", not a timestamp',
    ]);
    expect(messages(traceCondition({ "visitor.firstSeen": { $newerThan: "1h" } }, { visitor: facts.visitor }))[0]).toMatch(/time\.now is missing/);
  });

  it("lists an invalid condition's problems instead of throwing", () => {
    const result = traceCondition({ "cart.value": { $gtt: 1 } }, {});
    expect(result.pass).toBe(false);
    expect(result.failures).toEqual([
      { path: "cart.value.$gtt", operator: "invalid", expected: undefined, actual: undefined, message: "cart.value.$gtt: $gtt: unknown operator; did you mean $gt?" },
    ]);
  });

  it("fails closed on facts that throw, and says so", () => {
    const facts = Object.defineProperty({}, "cart", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    expect(traceCondition({ "cart.value": 1 }, facts)).toMatchObject({ pass: false, failures: [{ message: "the facts could not be read: Error: boom" }] });
  });
});
