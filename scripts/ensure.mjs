// What `npm start` and `npm test` need on a fresh machine: dependencies and (for tests) Chromium, the other engines,
// ClickHouse and PostgreSQL.
import { execFileSync, execSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** How tests, screenshots and the benchmark launch Debian's Chromium here: headless, nothing leaves the machine. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function ensureDependencies() {
  if (existsSync("node_modules/.package-lock.json")) return;
  console.log("Installing dependencies (npm ci)…");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
}

/** Firefox (driven by puppeteer-core over WebDriver BiDi) and WebKit (WebKitGTK's MiniBrowser over W3C WebDriver, under Xvfb). */
export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
export const WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver";
export const WEBKIT_BROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
export const XVFB = "/usr/bin/Xvfb";

/** Installs Debian packages whose files are missing when we are root; otherwise says exactly what to run. */
function ensurePackages(what, files, packages) {
  if (files.every((file) => existsSync(file))) return true;
  const command = `apt-get update && apt-get install -y ${packages.join(" ")}`;
  if (process.getuid?.() !== 0) {
    console.error(`${what} is missing. Install it with:\n  sudo sh -c '${command}'`);
    return false;
  }
  console.log(`${what} is missing; installing it: ${command}`);
  execSync(command, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return files.every((file) => existsSync(file));
}

/** Debian's Chromium, for every browser test. */
export function ensureChromium() {
  return ensurePackages(`Chromium (${CHROMIUM})`, [CHROMIUM], ["chromium"]);
}

/** Firefox ESR, WebKitGTK's WebDriver and MiniBrowser, and Xvfb, for the cross-engine suite. */
export function ensureOtherEngines() {
  return ensurePackages("Firefox ESR, WebKitGTK's WebDriver or Xvfb", [FIREFOX, WEBKIT_DRIVER, WEBKIT_BROWSER, XVFB], ["firefox-esr", "webkit2gtk-driver", "xvfb"]);
}

/** Debian's ClickHouse server and PostgreSQL, for the collector's scale tests (scripts/services.mjs starts them). */
export function ensureDatabases() {
  return ensurePackages("ClickHouse or PostgreSQL", ["/usr/sbin/clickhouse-server", "/usr/lib/postgresql/15/bin/initdb"], ["clickhouse-server", "postgresql"]);
}

export function build() {
  execFileSync("node", ["scripts/build.mjs"], { stdio: "inherit" });
}
