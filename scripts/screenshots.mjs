// `npm run screenshots`: the welcome popup over the demo shop, desktop and phone, light and dark,
// saved to .tmp/screenshots/. Builds first; needs Chromium (see scripts/ensure.mjs).
import { openScreenshots } from "./screenshot-session.mjs";

const { out, server, browser, close } = await openScreenshots();
const shots = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "mobile-390", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: "desktop-dark", viewport: { width: 1280, height: 800 }, colorScheme: "dark" },
];
for (const { name, ...options } of shots) {
  const context = await browser.newContext({ reducedMotion: "reduce", ...options });
  const page = await context.newPage();
  const ready = async () => {
    await page.waitForFunction(() => window.nudge?.__nudge === "running");
    await page.evaluate(() => window.nudge.ready);
  };
  await page.goto(`${server.url}/shop/index.html`);
  await ready();
  await page.goto(`${server.url}/shop/category.html?c=coffee`);
  await ready();
  await page.locator("nudge-root [role=dialog]").waitFor({ state: "visible" });
  await page.locator("nudge-root img").evaluate((img) => img.decode());
  const file = `${out}/popup-${name}.png`;
  await page.screenshot({ path: file });
  console.log(file);
  await context.close();
}
await close();
