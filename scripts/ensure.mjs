// What `npm start` and `npm test` need on a fresh machine: dependencies and (for tests) Chromium.
import { execFileSync, execSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** How tests, screenshots and the benchmark launch Debian's Chromium here: headless, nothing leaves the machine. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function ensureDependencies() {
  if (existsSync("node_modules/.package-lock.json")) return;
  console.log("Installing dependencies (npm ci)…");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
}

/** Installs Debian's Chromium when it is missing and we are root; otherwise says exactly what to run. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const command = "apt-get update && apt-get install -y chromium";
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing at ${CHROMIUM}. Install it with:\n  sudo sh -c '${command}'`);
    return false;
  }
  console.log(`Chromium is missing; installing it: ${command}`);
  execSync(command, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return existsSync(CHROMIUM);
}

export function build() {
  execFileSync("node", ["scripts/build.mjs"], { stdio: "inherit" });
}
