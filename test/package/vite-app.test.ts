import { spawnSync } from "node:child_process";
import { cpSync, createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../browser/harness.js";

/*
 * An npm consumer: examples/vite-app, copied to a temporary folder, installs the packed tarball
 * and Vite from the registry, builds with Vite, and the build runs in Chromium. Node imports the
 * installed package without a DOM.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-vite-"));
const app = join(tmp, "app");
let server: Server | undefined;
let browser: Browser | undefined;
let url = "";

function run(command: string, args: string[], cwd: string) {
  const child = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });
  if (child.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${child.status}):\n${child.stdout}\n${child.stderr}`);
  return child.stdout;
}

beforeAll(async () => {
  const [info] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], ROOT)) as Array<{ filename: string }>;
  cpSync(join(ROOT, "examples/vite-app"), app, { recursive: true, filter: (source) => !/node_modules|[\\/]dist$/.test(source) });
  cpSync(join(tmp, info.filename), join(app, "nudge-sdk.tgz"));
  run("npm", ["install", "--no-package-lock"], app);
  run("npx", ["--no-install", "vite", "build", "--logLevel", "warn"], app);
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
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  rmSync(tmp, { recursive: true, force: true });
});

describe("examples/vite-app: the packed package in a Vite build", () => {
  it("Vite splits the popup into its own chunk, fetched only when a popup shows", () => {
    const assets = readdirSync(join(app, "dist/assets")).filter((f) => f.endsWith(".js"));
    expect(assets.length).toBeGreaterThan(1);
    const entry = readFileSync(join(app, "dist", readFileSync(join(app, "dist/index.html"), "utf8").match(/src="\/?([^"]+\.js)"/)![1]), "utf8");
    expect(entry).not.toContain("No thanks"); // the popup's own code is not in the entry chunk
  });

  it("runs in Chromium: the welcome popup, the offer on show(), the custom banner on add to cart", async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(url);
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
    const out = run(process.execPath, ["--input-type=module", "-e", `
      const { createNudge } = await import("nudge-sdk");
      const rules = await import("nudge-sdk/rules");
      const nudge = createNudge({ rules: { version: 1, widgets: [] } });
      nudge.track("signup", {});
      await nudge.ready;
      console.log(JSON.stringify({ window: typeof window, createNudge: typeof createNudge, compile: typeof rules.compileCondition, explain: nudge.explain() }));
    `], app);
    expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ window: "undefined", createNudge: "function", compile: "function", explain: [] });
  });
});
