import { spawnSync } from "node:child_process";
import { cpSync, createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Nudge } from "../../src/core/create-nudge.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../browser/harness.js";

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
const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-react-"));
const app = join(tmp, "app");
let server: Server | undefined;
let browser: Browser | undefined;
let url = "";

function run(command: string, args: string[], cwd: string) {
  const child = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });
  return { status: child.status, output: `${child.stdout}\n${child.stderr}`, stdout: child.stdout };
}
function ok(command: string, args: string[], cwd: string) {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.output}`);
  return result.stdout;
}

beforeAll(async () => {
  const [info] = JSON.parse(ok("npm", ["pack", "--json", "--pack-destination", tmp], ROOT)) as Array<{ filename: string }>;
  cpSync(join(ROOT, "examples/react-app"), app, { recursive: true, filter: (source) => !/node_modules|[\\/]dist$/.test(source) });
  cpSync(join(tmp, info.filename), join(app, "nudge-sdk.tgz"));
  ok("npm", ["install", "--no-package-lock"], app);
  ok("npx", ["--no-install", "vite", "build", "--logLevel", "warn"], app);
  const dist = join(app, "dist");
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = normalize(join(dist, path === "/" ? "index.html" : decodeURIComponent(path)));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" }[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  rmSync(tmp, { recursive: true, force: true });
});

describe("examples/react-app: the packed package in a Vite + React + TypeScript build", () => {
  it("type-checks with tsc --noEmit in strict mode, and the event hook is typed by the event's name", () => {
    const clean = run("npx", ["--no-install", "tsc", "--noEmit"], app);
    expect(clean.status, clean.output).toBe(0);
    // A handler that reads a field its event does not have must not compile.
    const wrong = join(app, "src/wrong.tsx");
    writeFileSync(wrong, `import { useNudgeEvent } from "nudge-sdk/react";\nexport function Wrong() {\n  useNudgeEvent("shown", (event) => console.log(event.reason));\n  return null;\n}\n`);
    const typed = run("npx", ["--no-install", "tsc", "--noEmit"], app);
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
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => (message.type() === "error" || message.type() === "warning") && errors.push(message.text()));
    await page.goto(url);
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
