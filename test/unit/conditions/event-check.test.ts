import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition, ConditionError } from "../../../src/rules/condition/index.js";

const check = (condition: unknown) => checkCondition(condition, "when");

describe("checkCondition on $event and relative time", () => {
  it("accepts every form", () => {
    const condition = {
      $event: { name: "add_to_cart", within: "7d", count: { $gte: 2, $lt: 9 }, where: { "props.price": { $gt: 50 } } },
      $and: [
        { $event: { name: "purchase", notWithin: "30d" } },
        { $event: { name: "view", lastWithin: 90, count: 3 } },
        { $event: { name: "search", within: "500ms", count: { $eq: 0, $ne: 1, $gt: -1, $lte: 4 } } },
      ],
      "visitor.firstSeen": { $olderThan: "1w", $newerThan: "30s" },
      "orders.list": { $elemMatch: { time: { $newerThan: "15m" } } },
    };
    expect(check(condition)).toEqual([]);
  });

  it.each([
    [{ $event: "add_to_cart" }, "when.$event", '$event expects an object like {"name": "add_to_cart", "within": "7d", "count": {"$gte": 2}}, got string'],
    [{ $event: { within: "7d" } }, "when.$event", '$event needs a "name", the event to look for, e.g. {"name": "add_to_cart", "within": "7d", "count": {"$gte": 2}}'],
    [{ $event: { name: "" } }, "when.$event.name", "name expects the event's name (a non-empty string), got string"],
    [{ $event: { name: 5 } }, "when.$event.name", "name expects the event's name (a non-empty string), got number"],
    [{ $event: { name: "constructor" } }, "when.$event.name", '"constructor" is reserved and never matches an event'],
    [{ $event: { name: "a", withn: "7d" } }, "when.$event.withn", '$event: unknown key "withn"; did you mean "within"?'],
    [{ $event: { name: "a", lastwithin: "7d" } }, "when.$event.lastwithin", '$event: unknown key "lastwithin"; did you mean "lastWithin"?'],
    [{ $event: { name: "a", frobnicate: 1 } }, "when.$event.frobnicate", '$event: unknown key "frobnicate"; known keys are name, within, count, where, lastWithin, notWithin'],
    [{ $event: { name: "a", within: "7 days" } }, "when.$event.within", 'within expects a duration such as "30m", "2h", "7d" or "1w" (or a number of seconds), got "7 days"'],
    [{ $event: { name: "a", notWithin: true } }, "when.$event.notWithin", 'notWithin expects a duration such as "30m", "2h", "7d" or "1w" (or a number of seconds), got boolean'],
    [{ $event: { name: "a", lastWithin: "0d" } }, "when.$event.lastWithin", "lastWithin must be longer than 0"],
    [{ $event: { name: "a", count: "2" } }, "when.$event.count", 'count expects a number or an operator object like {"$gte": 2}, got string'],
    [{ $event: { name: "a", count: {} } }, "when.$event.count", 'count expects a number or an operator object like {"$gte": 2}, got object'],
    [{ $event: { name: "a", count: -1 } }, "when.$event.count", "count expects a number of events (0 or more), got -1"],
    [{ $event: { name: "a", count: { $gtt: 2 } } }, "when.$event.count.$gtt", "$gtt: unknown operator; did you mean $gt?"],
    [{ $event: { name: "a", count: { $in: [1, 2] } } }, "when.$event.count.$in", "count compares a number of events, so it takes only $eq, $ne, $gt, $gte, $lt, $lte"],
    [{ $event: { name: "a", count: { $gte: "2" } } }, "when.$event.count.$gte", "$gte expects a number of events, got string"],
    [{ $event: { name: "a", where: [] } }, "when.$event.where", 'expected a condition object like {"field": value}, got array'],
    [{ $event: { name: "a", where: { "props.price": { $gtt: 1 } } } }, "when.$event.where.props.price.$gtt", "$gtt: unknown operator; did you mean $gt?"],
    [
      { $event: { name: "a", where: { $or: [{ "props.x": { $regex: "(" } }] } } },
      "when.$event.where.$or[0].props.x.$regex",
      expect.stringMatching(/^\$regex: invalid regular expression/),
    ],
    [{ $event: { name: "a", where: { price: 1 } } }, "when.$event.where.price", `where tests each event's props, so its paths start with "props.", e.g. "props.price"`],
    [
      { "visitor.firstSeen": { $olderThan: "a month" } },
      "when.visitor.firstSeen.$olderThan",
      '$olderThan expects a duration such as "30m", "2h", "7d" or "1w" (or a number of seconds), got "a month"',
    ],
    [
      { "visitor.firstSeen": { $newerThan: null } },
      "when.visitor.firstSeen.$newerThan",
      '$newerThan expects a duration such as "30m", "2h", "7d" or "1w" (or a number of seconds), got null',
    ],
    [{ "visitor.firstSeen": { $olderthan: "1d" } }, "when.visitor.firstSeen.$olderthan", "$olderthan: unknown operator; did you mean $olderThan?"],
    [{ $evnt: { name: "a" } }, "when.$evnt", "$evnt: unknown operator; did you mean $event?"],
    [{ x: { $event: { name: "a" } } }, "when.x.$event", expect.stringMatching(/only valid at the top level/)],
    [{ $olderThan: "1d" }, "when.$olderThan", expect.stringMatching(/must be inside one/)],
  ])("%j", (condition, path, message) => {
    expect(check(condition)).toEqual([{ path, message }]);
  });

  it("reports every problem of one $event", () => {
    const problems = check({ $event: { nam: "a", within: "soon", count: { $gte: "x" } } });
    expect(problems.map((problem) => problem.path)).toEqual(["when.$event.nam", "when.$event.within", "when.$event.count.$gte", "when.$event"]);
  });

  it("makes compileCondition throw, listing the problems", () => {
    expect(() => compileCondition({ $event: { name: "a", within: "7days" } })).toThrow(ConditionError);
  });
});
