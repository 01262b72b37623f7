import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Nudge } from "../../src/core/create-nudge.js";
import { buildExample, type ExampleApp } from "./example-app.js";

declare global {
  interface Window {
    nudge?: Nudge;
  }
}

/*
 * A React consumer: examples/react-app (Vite + React + TypeScript, StrictMode) copied to a temporary
 * folder installs the packed tarball, React and Vite from the registry, type-checks with `tsc --noEmit`
 * (strict, declaration files included), builds with Vite, and the build runs in Chromium.
 */
let example: ExampleApp;
let app = "";
let tmp = "";
const run = (command: string, args: string[]) => example.run(command, args);

beforeAll(async () => {
  example = await buildExample("react-app");
  app = example.dir;
  tmp = join(app, "..");
}, 400_000);

afterAll(async () => example?.close());

describe("examples/react-app: the packed package in a Vite + React + TypeScript build", () => {
  it("type-checks with tsc --noEmit in strict mode, and the event hook is typed by the event's name", () => {
    const clean = run("npx", ["--no-install", "tsc", "--noEmit"]);
    expect(clean.status, clean.output).toBe(0);
    // A handler that reads a field its event does not have must not compile.
    const wrong = join(app, "src/wrong.tsx");
    writeFileSync(
      wrong,
      `import { useNudgeEvent } from "nudge-sdk/react";\nexport function Wrong() {\n  useNudgeEvent("shown", (event) => console.log(event.reason));\n  return null;\n}\n`,
    );
    const typed = run("npx", ["--no-install", "tsc", "--noEmit"]);
    rmSync(wrong);
    expect(typed.status).not.toBe(0);
    expect(typed.output).toMatch(/src\/wrong\.tsx.*Property 'reason' does not exist on type 'WidgetEvent'/);
  }, 300_000);

  it("the app's bundle has one React, and Nudge's built-in widgets stay lazy chunks", () => {
    const assets = readdirSync(join(app, "dist/assets")).filter((f) => f.endsWith(".js"));
    const entryName = readFileSync(join(app, "dist/index.html"), "utf8").match(/src="\/?([^"]+\.js)"/)![1];
    const entry = readFileSync(join(app, "dist", entryName), "utf8");
    expect(assets.some((f) => f.startsWith("popup-"))).toBe(true);
    expect(entry).not.toContain("No thanks"); // the popup's own code is not in the entry chunk
    const reactCopies = assets.filter((f) => /react\.production|__CLIENT_INTERNALS_DO_NOT_USE/.test(readFileSync(join(app, "dist/assets", f), "utf8")));
    expect(reactCopies.length).toBe(1);
  });

  it("runs in Chromium under StrictMode: the React widget renders in Nudge's shadow root and its events reach the app", async () => {
    const page = await example.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => (message.type() === "error" || message.type() === "warning") && errors.push(message.text()));
    await page.goto(example.url);
    await page.getByRole("heading", { name: "Nudge in a React app" }).waitFor();
    await page.waitForFunction(() => window.nudge !== undefined);
    await page.evaluate(() => window.nudge!.ready);

    await page.getByRole("button", { name: "Add a mug to the cart" }).click();
    const note = page.locator("nudge-root .note");
    await note.waitFor();
    await expect(note.locator("strong").textContent()).resolves.toBe("Nice choice! 10% off your first order");
    await expect(note.locator(".count").textContent()).resolves.toBe("1 item(s) in your cart, 24 USD");
    // Drawn by React: the widget's container in the shadow root is a React root, and useId got the widget's prefix.
    const drawnBy = await page.evaluate(() => {
      const container = document.querySelector("nudge-root")!.shadowRoot!.querySelector(".note")!.parentElement!;
      return { reactRoot: Object.keys(container).some((key) => key.startsWith("__reactContainer")), labelledBy: container.firstElementChild!.getAttribute("aria-labelledby") };
    });
    expect(drawnBy.reactRoot).toBe(true);
    expect(drawnBy.labelledBy).toMatch(/nudge-cart-note-/);

    // useNudgeEvent: the toast and the log, once each although StrictMode ran every effect twice.
    await expect(page.getByRole("status").textContent()).resolves.toBe("Nudge showed “cart-note”");
    const log = page.getByRole("list", { name: "Events" });
    await expect(log.locator("li").allTextContents()).resolves.toEqual(["shown cart-note"]);

    await note.getByRole("button", { name: "Get a code" }).click();
    await expect(note.locator(".copy").textContent()).resolves.toBe("Code MUG10 copied"); // React state in the widget
    await page.screenshot({ path: join(tmp, "react-app.png") });
    if (process.env.NUDGE_SCREENSHOTS) cpSync(join(tmp, "react-app.png"), process.env.NUDGE_SCREENSHOTS);
    await note.getByRole("button", { name: "Close" }).click();
    await note.waitFor({ state: "detached" });
    await expect(log.locator("li").allTextContents()).resolves.toEqual(["shown cart-note", 'clicked cart-note {"code":"MUG10"}', "closed cart-note (button)"]);

    const facts = await page.evaluate(() => {
      const f = window.nudge!.facts();
      return { cart: f.cart.count, pages: f.visitor.pagesThisSession, shown: f.widgets["cart-note"]?.shown };
    });
    expect(facts).toEqual({ cart: 1, pages: 1, shown: 1 }); // one instance: one page view, one impression
    expect(errors).toEqual([]);
    await page.close();
  });
});
