// What every screenshot script starts with: Chromium present, a fresh build (unless --no-build), the
// output folder, the local server (examples/ and dist/) and a browser.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { build, CHROMIUM, CHROMIUM_ARGS, ensureChromium } from "./ensure.mjs";
import { serve } from "./serve.mjs";

export async function openScreenshots() {
  if (!ensureChromium()) process.exit(1);
  if (!process.argv.includes("--no-build")) build();
  const out = ".tmp/screenshots";
  mkdirSync(out, { recursive: true });
  const server = await serve({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { out, server, browser, close };
}
