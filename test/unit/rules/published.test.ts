import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildCommand } from "../../../src/cli/build-command.js";
import { publishRules } from "../../../src/rules/publish.js";
import { stampOf, trustedRules } from "../../../src/rules/published.js";
import * as validate from "../../../src/rules/validate.js";
import * as wheelSchema from "../../../widgets/wheel/schema.js";
import { cleanup, onScreen, rulesOf, settle, start } from "../runtime/harness.js";

// Count calls through the real validator, and through one content schema the files below never use.
vi.mock("../../../src/rules/validate.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/rules/validate.js")>();
  return { ...real, validateRules: vi.fn(real.validateRules) };
});
vi.mock("../../../widgets/wheel/schema.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../widgets/wheel/schema.js")>();
  return { ...real, wheelContentSchema: vi.fn(real.wheelContentSchema) };
});
const validateRules = vi.mocked(validate.validateRules);

beforeEach(() => validateRules.mockClear());
afterEach(cleanup);

const source = rulesOf(
  [
    { id: "offer", type: "popup", when: { "cart.count": { $gte: 0 } }, frequency: { cooldown: { afterClosed: "1d" } }, content: { title: "Hi" } },
    { id: "later", type: "popup", trigger: { type: "delay", after: "6s" }, variants: [{ id: "a", content: { title: "A", layout: "inline", inline: { selector: "main" } } }] },
  ],
  { quietPeriod: "20s" },
);

describe("publishRules and the stamp", () => {
  it("computes ahead what the runtime needs, and a browser trusts the result as it is", () => {
    const published = publishRules(source);
    expect(published.ahead).toMatchObject({
      operators: ["$gte"],
      quietMs: 20_000,
      widgets: [
        { id: "offer", placement: { default: "modal" }, trigger: { kind: "page_view", afterMs: 0 }, durations: { "frequency.cooldown.afterClosed": 86_400_000 } },
        { id: "later", placement: { a: "inline" }, trigger: { kind: "delay", afterMs: 6000 } },
      ],
    });
    expect(published.ahead.features).toEqual(["variants"]);
    // The file travels as JSON: what is trusted is what was parsed.
    expect(trustedRules(JSON.parse(JSON.stringify(published)))?.rules).toEqual(source);
  });

  it("any edit to the rules or to what was computed ahead loses the trust", () => {
    const published = JSON.parse(JSON.stringify(publishRules(source)));
    const edits: Array<(p: typeof published) => void> = [
      (p) => (p.rules.widgets[0].content.title = "Changed"),
      (p) => (p.ahead.operators = []),
      (p) => (p.ahead.widgets[0].placement.default = "overlay"),
      (p) => (p.format = 2),
      (p) => delete p.hash,
      (p) => (p.rules.widgets = {}),
    ];
    for (const edit of edits) {
      const copy = structuredClone(published);
      edit(copy);
      expect(trustedRules(copy)).toBeUndefined();
    }
    expect(trustedRules(source)).toBeUndefined();
  });
});

describe("the runtime and a published file", () => {
  it("shows its widgets without running the validator, and gives no hint", async () => {
    const h = start(publishRules(source) as never);
    await h.nudge.ready;
    expect(onScreen()).toEqual(["offer"]);
    expect(validateRules).not.toHaveBeenCalled();
    expect(h.console.info).not.toHaveBeenCalled();
    expect(h.problems).toEqual([]);
  });

  it("a hand-edited published file is validated in the browser, with a hint to build it again", async () => {
    const edited = publishRules(source);
    (edited.rules.widgets[0].content as { title: string }).title = "Edited";
    const h = start(edited as never);
    await h.nudge.ready;
    expect(validateRules).toHaveBeenCalledTimes(1);
    expect(onScreen()).toEqual(["offer"]);
    expect(h.console.info.mock.calls.map(String).join("\n")).toMatch(/changed after `nudge build`.*npx nudge build/);
  });

  it("a plain rules file is validated as before, with a hint to publish it", async () => {
    const h = start(source);
    await h.nudge.ready;
    expect(validateRules).toHaveBeenCalledTimes(1);
    expect(onScreen()).toEqual(["offer"]);
    expect(h.console.info.mock.calls.map(String).join("\n")).toMatch(/not published.*npx nudge build/);
  });

  it("the validator builds the content schema of the widget types the file uses only", async () => {
    vi.mocked(wheelSchema.wheelContentSchema).mockClear();
    validate.validateRules(source);
    expect(wheelSchema.wheelContentSchema).not.toHaveBeenCalled();
    validate.validateRules(rulesOf([{ id: "w", type: "wheel", content: {} }]));
    expect(wheelSchema.wheelContentSchema).toHaveBeenCalledTimes(1);
  });

  it("a stamped file that lies (any shape, a correct stamp) never throws into the page", async () => {
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error);
    const onRejection = (event: PromiseRejectionEvent) => thrown.push(event.reason);
    window.addEventListener("error", onError);
    window.addEventListener("unhandledrejection", onRejection);
    const anyValue = fc.anything({ maxDepth: 3 });
    const lyingWidget = fc.record(
      {
        id: fc.oneof(fc.string(), anyValue),
        type: fc.oneof(fc.constantFrom("popup", "banner", "broken", "wheel"), anyValue),
        trigger: fc.oneof(fc.constantFrom("page_view", "manual", { type: "delay", after: "x" }, { type: "event" }), anyValue),
        when: anyValue,
        frequency: anyValue,
        after: anyValue,
        schedule: anyValue,
        content: anyValue,
        variants: anyValue,
        holdout: anyValue,
        goal: anyValue,
        priority: anyValue,
      },
      { requiredKeys: ["id", "type"] },
    );
    const lyingFile = fc.record({
      rules: fc.record({ version: anyValue, settings: anyValue, segments: anyValue, widgets: fc.array(lyingWidget, { maxLength: 3 }) }, { requiredKeys: ["widgets"] }),
      ahead: fc.record({ operators: fc.array(anyValue), features: fc.array(fc.oneof(fc.constantFrom("schedule", "timezone"), anyValue)), quietMs: anyValue }),
      aheadWidgets: fc.array(
        anyValue.filter((v) => typeof v === "object" && v !== null && !Array.isArray(v)),
        { maxLength: 3 },
      ),
    });
    let trusted = 0;
    try {
      await fc.assert(
        fc.asyncProperty(lyingFile, async ({ rules, ahead, aheadWidgets }) => {
          const widgets = rules.widgets.map((_, i) => aheadWidgets[i] ?? {});
          const fullAhead = { ...ahead, widgets };
          const file = { nudge: "lies", format: 1, hash: stampOf(fullAhead, rules), ahead: fullAhead, rules };
          const json = JSON.parse(JSON.stringify(file));
          if (!trustedRules(json)) return; // JSON dropped a part: not a stamped file any more
          trusted++;
          const h = start(json);
          await h.nudge.ready;
          h.nudge.track("add_to_cart", { value: 1 });
          h.nudge.page();
          h.nudge.explain();
          await h.clock.advance(10_000);
          await settle();
          h.nudge.destroy();
          cleanup();
        }),
        { numRuns: 100 },
      );
    } finally {
      window.removeEventListener("error", onError);
      window.removeEventListener("unhandledrejection", onRejection);
    }
    expect(trusted).toBeGreaterThan(30);
    expect(validateRules).not.toHaveBeenCalled();
    expect(thrown).toEqual([]);
  });
});

describe("nudge build", () => {
  const dir = mkdtempSync(join(tmpdir(), "nudge-build-"));
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await buildCommand(
      args,
      (t) => out.push(t),
      (t) => err.push(t),
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("writes a published file the runtime trusts, to -o or beside the input", async () => {
    writeFileSync(join(dir, "rules.json"), JSON.stringify(source));
    const named = await run(join(dir, "rules.json"), "-o", join(dir, "out.json"));
    expect(named.err).toBe("");
    expect(named.code).toBe(0);
    expect(named.out).toMatch(/published 2 widget\(s\), stamp \w+/);
    expect(trustedRules(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")))?.rules).toEqual(source);
    expect((await run(join(dir, "rules.json"))).code).toBe(0);
    expect(trustedRules(JSON.parse(readFileSync(join(dir, "rules.published.json"), "utf8")))).toBeDefined();
    // A published file built again is published again, the same.
    expect((await run(join(dir, "out.json"), "-o", join(dir, "again.json"))).code).toBe(0);
    expect(readFileSync(join(dir, "again.json"), "utf8")).toBe(readFileSync(join(dir, "out.json"), "utf8"));
  });

  it("publishes nothing from a file with problems, and names each one", async () => {
    writeFileSync(join(dir, "bad.json"), JSON.stringify(rulesOf([{ id: "x", type: "popup", trigerr: "manual", content: { title: "T" } }])));
    const result = await run(join(dir, "bad.json"), "-o", join(dir, "bad.out.json"));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/widgets\[0\].*unknown key "trigerr"/);
    expect(() => readFileSync(join(dir, "bad.out.json"))).toThrow();
    expect((await run()).code).toBe(2);
  });
});
