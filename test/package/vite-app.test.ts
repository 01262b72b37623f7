import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExample, type ExampleApp } from "./example-app.js";

/*
 * An npm consumer: examples/vite-app, copied to a temporary folder, installs the packed tarball
 * and Vite from the registry, builds with Vite, and the build runs in Chromium. Node imports the
 * installed package without a DOM.
 */
let example: ExampleApp;
/** Runs in the app's folder and returns stdout; a failure fails the test with the output. */
function ok(command: string, args: string[]): string {
  const result = example.run(command, args);
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}):\n${result.output}`);
  return result.stdout;
}
let app = "";

beforeAll(async () => {
  example = await buildExample("vite-app");
  app = example.dir;
}, 300_000);

afterAll(async () => example?.close());

describe("examples/vite-app: the packed package in a Vite build", () => {
  it("Vite splits the popup into its own chunk, fetched only when a popup shows", () => {
    const assets = readdirSync(join(app, "dist/assets")).filter((f) => f.endsWith(".js"));
    expect(assets.length).toBeGreaterThan(1);
    const entry = readFileSync(join(app, "dist", readFileSync(join(app, "dist/index.html"), "utf8").match(/src="\/?([^"]+\.js)"/)![1]), "utf8");
    expect(entry).not.toContain("No thanks"); // the popup's own code is not in the entry chunk
  });

  it("runs in Chromium: the welcome popup, the offer on show(), the custom banner on add to cart", async () => {
    const page = await example.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(example.url);
    const dialog = page.locator("nudge-root [role=dialog]");
    await expect(dialog.getByRole("heading").textContent()).resolves.toBe("Welcome to the demo");
    await dialog.getByRole("button", { name: "Thanks" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Add a mug to the cart" }).click();
    await expect(page.locator("nudge-root .banner").textContent()).resolves.toContain("Added! Free shipping from $60.");
    await page.locator("nudge-root .banner button").click();
    await page.locator("nudge-root .banner").waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Show the offer" }).click();
    await expect(dialog.getByRole("heading").textContent()).resolves.toBe("Free shipping today");
    await expect(dialog.textContent()).resolves.toContain("Your cart holds 1 item(s).");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the installed package imports under Node with no DOM (SSR) and gives an inert instance", () => {
    const out = ok(process.execPath, [
      "--input-type=module",
      "-e",
      `
      const { createNudge } = await import("nudge-sdk");
      const rules = await import("nudge-sdk/rules");
      const nudge = createNudge({ rules: { version: 1, widgets: [] } });
      nudge.track("signup", {});
      await nudge.ready;
      console.log(JSON.stringify({ window: typeof window, createNudge: typeof createNudge, compile: typeof rules.compileCondition, explain: nudge.explain() }));
    `,
    ]);
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ window: "undefined", createNudge: "function", compile: "function", explain: [] });
  });
});
