import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const url = (file: string) => pathToFileURL(join(ROOT, file)).href;

/** Runs an ES module script in a fresh `node` with no DOM; its last stdout line must be JSON. */
function runInNode(script: string): { status: number | null; stdout: string; stderr: string; result: unknown } {
  const child = spawnSync(process.execPath, ["--input-type=module", "--unhandled-rejections=strict", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  const last = child.stdout.trim().split("\n").pop() ?? "";
  let result: unknown;
  try {
    result = JSON.parse(last);
  } catch {
    result = undefined;
  }
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, result };
}

describe("SSR: the npm entry points load and run under Node, with no DOM", () => {
  it("the child process really has no DOM", () => {
    const { status, result } = runInNode(
      `console.log(JSON.stringify([typeof window, typeof document, typeof navigator === "undefined" ? "undefined" : typeof navigator.userAgent, typeof localStorage, typeof indexedDB]))`,
    );
    expect(status).toBe(0);
    // Node 21+ has a global navigator; it is not a DOM.
    expect(result).toEqual(["undefined", "undefined", expect.any(String), "undefined", "undefined"]);
  });

  it.each(["dist/esm/index.js", "dist/esm/rules.js", "dist/esm/measure.js", "dist/esm/widgets/popup.js"])("import(%s) succeeds without reading browser globals", (file) => {
    const { status, stderr, result } = runInNode(`
      const read = [];
      for (const name of ["window", "document", "localStorage", "sessionStorage", "indexedDB", "location", "HTMLElement", "customElements"]) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { read.push(name); return undefined; } });
      }
      const before = new Set(Object.getOwnPropertyNames(globalThis));
      const mod = await import(${JSON.stringify(url(file))});
      const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
      console.log(JSON.stringify({ exports: Object.keys(mod).sort(), read, added }));
    `);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const { exports, read, added } = result as { exports: string[]; read: string[]; added: string[] };
    expect(exports.length).toBeGreaterThan(0);
    expect(read, "browser globals read at import time").toEqual([]);
    expect(added, "globals added at import time").toEqual([]);
  });

  it("the main entry exports createNudge, the rules entry compileCondition and checkCondition", () => {
    const { status, result } = runInNode(`
      const main = await import(${JSON.stringify(url("dist/esm/index.js"))});
      const rules = await import(${JSON.stringify(url("dist/esm/rules.js"))});
      const when = rules.compileCondition({ "cart.value": { $gte: 50 } });
      console.log(JSON.stringify({ createNudge: typeof main.createNudge, yes: when({ cart: { value: 60 } }), no: when({}), problems: rules.checkCondition({ a: { $gtt: 1 } }).length }));
    `);
    expect(status).toBe(0);
    expect(result).toEqual({ createNudge: "function", yes: true, no: false, problems: 1 });
  });

  it("createNudge() under Node returns an inert instance whose methods do not throw, and the process exits by itself", () => {
    const { status, stderr, stdout, result } = runInNode(`
      const { createNudge } = await import(${JSON.stringify(url("dist/esm/index.js"))});
      const errors = [];
      const nudge = createNudge({ rules: { version: 1, widgets: [] } });
      nudge.on("error", (problem) => errors.push(problem));
      const calls = {
        track: () => nudge.track("add_to_cart", { id: "sku-1", price: 1990 }),
        page: () => nudge.page({ path: "/" }),
        identify: () => nudge.identify("user-1", { firstName: "Ada" }),
        cartAdd: () => nudge.cart.add({ id: "sku-1", name: "Mug", price: 19.9 }),
        cartRemove: () => nudge.cart.remove("sku-1"),
        cartSet: () => nudge.cart.set([{ id: "sku-2", name: "Tea", price: 9.5 }]),
        cartClear: () => nudge.cart.clear(),
        purchase: () => nudge.purchase({ id: "1001", value: 59.8, items: [] }),
        consent: () => nudge.consent(false),
        forget: () => nudge.forget(),
        show: () => nudge.show("welcome"),
        hide: () => nudge.hide(),
        explain: () => nudge.explain(),
        facts: () => nudge.facts(),
        on: () => nudge.on("shown", () => {}),
        registerWidget: () => nudge.registerWidget("custom", { component: () => null }),
        push: () => nudge.push(["track", "signup", {}]),
        wrongArguments: () => nudge.track(42),
      };
      const threw = [];
      for (const [name, call] of Object.entries(calls)) {
        try {
          const value = call();
          if (value && typeof value.then === "function") await value;
        } catch (error) {
          threw.push(name + ": " + error);
        }
      }
      await nudge.ready;
      const shown = await nudge.show("welcome");
      // A wrong call's warning text is a lazy chunk: the warning comes once it has loaded.
      for (let i = 0; i < 200 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      nudge.destroy();
      console.log(JSON.stringify({ threw, shown, ready: true, problems: errors.map((e) => e.where + ": " + e.message) }));
    `);
    expect(status, stderr).toBe(0);
    // Only the deliberately wrong call is reported (as a console warning and an "error" event), nothing else.
    const lines = stderr.trim().split("\n");
    expect(lines, stdout).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[nudge\] track\(\): .*the event name must be a non-empty string, got number$/);
    const outcome = result as { threw: string[]; shown: boolean; ready: boolean; problems: string[] };
    expect(outcome.threw).toEqual([]);
    expect(outcome.ready).toBe(true);
    expect(outcome.shown).toBe(false);
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatch(/^track\(\): .*the event name must be a non-empty string, got number$/);
  });
});
