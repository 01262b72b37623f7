import { afterEach, describe, expect, it } from "vitest";
import { cleanup, on, rulesOf, settle, start, warnings } from "../runtime/harness.js";

afterEach(cleanup);

describe("a countdown coupon is not shown again after a purchase that used its code", () => {
  const rules = rulesOf([
    {
      id: "coupon-bar",
      type: "banner",
      trigger: "manual",
      goal: { event: "purchase", where: { "props.coupon": "SAVE15" } },
      frequency: { stopAfter: ["converted"] },
      content: { title: "15% off" },
    },
  ]);

  it("purchase({ coupon }) carries the code; an order with another code does not convert, one with it does", async () => {
    const h = start(rules);
    await h.nudge.ready;
    const tracked: Array<Record<string, unknown>> = [];
    const converted: string[] = [];
    on(h.nudge, "track", (e) => void tracked.push(e.props));
    on(h.nudge, "converted", (e) => void converted.push(e.id));
    h.nudge.show("coupon-bar", { force: true });
    await settle();
    h.nudge.purchase({ id: "1", value: 10, coupon: "OTHER" });
    await settle();
    expect(converted).toEqual([]);
    h.nudge.purchase({ id: "2", value: 20, coupon: " SAVE15 " });
    await settle();
    expect(tracked.at(-1)).toEqual({ id: "2", value: 20, coupon: "SAVE15" });
    expect(converted).toEqual(["coupon-bar"]);
    expect(h.nudge.explain("coupon-bar")[0].blockedBy.join(" ")).toContain("stopAfter");
  });

  it("a coupon that is not a string is named in a warning and the call dropped", async () => {
    const h = start(rules);
    await h.nudge.ready;
    h.nudge.purchase({ id: "3", value: 5, coupon: 15 });
    expect(warnings(h).join("\n")).toContain("purchase(): order.coupon must be a string");
    expect(h.nudge.facts().orders.count).toBe(0);
  });
});
