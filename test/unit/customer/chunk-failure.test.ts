import { afterEach, expect, it, vi } from "vitest";
import { cleanup, rulesOf, settle, start } from "../runtime/harness.js";

// The customer card's chunk cannot be downloaded (a deploy removed it, the network dropped).
vi.mock("../../../src/core/customer-chunk.js", () => {
  throw new Error("chunk failed to load");
});

afterEach(cleanup);

it("a customer chunk that fails to load is reported once; the page and the other widgets go on", async () => {
  const h = start(rulesOf([{ id: "hello", type: "banner", trigger: "page_view", content: { title: "Hi" } }]));
  await h.nudge.ready;
  h.nudge.purchase({ id: "1", value: 10, coupon: "X" });
  for (let i = 0; i < 5; i++) h.nudge.facts();
  await settle(20);
  expect(h.problems.filter((p) => p.where === "customer card")).toHaveLength(1);
  expect(h.nudge.facts().customer).toBeUndefined();
  expect(h.shown).toEqual(["hello"]);
});
