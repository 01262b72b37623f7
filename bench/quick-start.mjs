// Times the README's quick start as a shop owner does it, from an empty folder to the exit-intent
// coupon on their own page: `npx nudge-sdk init` (with an empty npm cache, so the package and its
// dependencies are downloaded), paste snippet.html into a plain page, serve the folder with
// `python3 -m http.server`, open it in Chromium, wait the starter rule's 3 seconds, move the pointer
// out through the top. The packed tarball stands in for the published package (`npx --package`).
// Usage: `npm run build && node bench/quick-start.mjs` (prints each step's seconds).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../scripts/ensure.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "nudge-quick-start-"));
const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
const shop = join(tmp, "my-shop");
mkdirSync(shop);
const env = { ...process.env, npm_config_cache: join(tmp, "empty-npm-cache"), npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };

const steps = [];
const started = performance.now();
let last = started;
const step = (name) => {
  const now = performance.now();
  steps.push([name, (now - last) / 1000]);
  last = now;
};

let server;
let browser;
try {
  // 1. npx nudge-sdk init site
  execFileSync("npx", ["--yes", "--package", join(tmp, filename), "nudge-sdk", "init", "site"], { cwd: shop, env, stdio: "ignore" });
  step("npx nudge-sdk init site (empty npm cache: downloads the package and its dependencies)");

  // 2. the owner's page, with snippet.html pasted into its <head>
  const snippet = readFileSync(join(shop, "site/snippet.html"), "utf8");
  writeFileSync(join(shop, "site/index.html"), `<!doctype html><html><head><meta charset="utf-8"><title>My shop</title>\n${snippet}</head><body><h1>My shop</h1></body></html>\n`);
  step("paste snippet.html into the page's <head> (a script writes it)");

  // 3. serve the folder
  const port = 8000 + Math.floor(Math.random() * 1000);
  server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", "site"], { cwd: shop, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  for (let ok = false; !ok; )
    ok = await fetch(url).then(
      (r) => r.ok,
      () => new Promise((r) => setTimeout(() => r(false), 50)),
    );
  step(`python3 -m http.server --directory site (${url})`);

  // 4. open it, wait until the rule is armed (3 s on the page), leave through the top: the coupon
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForFunction(() => window.nudge?.__nudge === "running");
  await page.waitForFunction(() => /exit_intent, waiting(?!.*armed in)/.test(window.nudge.explain("exit-coupon")[0]?.blockedBy.join(" ") ?? ""), null, { polling: 100 });
  await page.mouse.move(640, 400);
  await page.mouse.move(640, 5, { steps: 6 });
  await page.mouse.move(640, -10);
  await page.locator("nudge-root .nudge-coupon__code").waitFor({ state: "visible" });
  step("open the page in Chromium, 3 s on it, pointer out through the top: the coupon shows");
} finally {
  await browser?.close();
  server?.kill();
  rmSync(tmp, { recursive: true, force: true });
}

for (const [name, seconds] of steps) console.log(`${seconds.toFixed(1).padStart(6)} s  ${name}`);
console.log(`${((last - started) / 1000).toFixed(1).padStart(6)} s  in all (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
