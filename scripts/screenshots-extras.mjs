// `node scripts/screenshots-extras.mjs [--no-build]`: the social-proof toast, the NPS survey, the wheel and
// the content swap, desktop and 360 px, light and dark, saved to .tmp/screenshots/extras-*.png.
import { openScreenshots } from "./screenshot-session.mjs";

const { out, server, browser, close } = await openScreenshots();
const devices = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "desktop-dark", viewport: { width: 1280, height: 800 }, colorScheme: "dark" },
  { name: "360", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: "360-dark", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, colorScheme: "dark" },
];
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);

/** Each scene: a page, then what to do on it before the picture. */
const scenes = {
  "social-proof": async (page) => {
    await open(page, "/shop/product.html?id=sku-101");
    await show(page, "bought-today");
    await page.locator("nudge-root .nudge-sp__card").waitFor();
  },
  nps: async (page) => {
    await open(page, "/gallery/extras.html");
    await show(page, "nps");
    await page.locator("nudge-root .nudge-nps__card").waitFor();
  },
  "nps-comment": async (page) => {
    await open(page, "/gallery/extras.html");
    await show(page, "nps");
    await page.locator("nudge-root .nudge-nps__score").nth(9).click();
    await page.locator("nudge-root textarea").waitFor();
  },
  wheel: async (page) => {
    await open(page, "/gallery/extras.html");
    await show(page, "wheel");
    await page.locator("nudge-root .nudge-wheel__card").waitFor();
  },
  "wheel-result": async (page) => {
    await open(page, "/gallery/extras.html");
    await page.evaluate(() => window.nudge.forget());
    await show(page, "wheel-quick");
    await page.locator("nudge-root .nudge-wheel__spin").click();
    await page
      .locator("nudge-root .nudge-wheel__title")
      .filter({ hasText: /won|luck/ })
      .waitFor();
  },
  "wheel-ru": async (page) => {
    await open(page, "/gallery/extras.html?lang=ru");
    await show(page, "wheel");
    await page.locator("nudge-root .nudge-wheel__card").waitFor();
  },
  "content-swap": async (page) => {
    await open(page, "/shop/index.html?utm_source=blogger");
    await page.locator("#hero h1").filter({ hasText: "Anna" }).waitFor();
  },
};

async function open(page, path) {
  await page.goto(server.url + path);
  await page.waitForFunction(() => window.nudge?.__nudge === "running");
  await page.evaluate(() => window.nudge.ready);
}
const show = (page, id) => page.evaluate((w) => window.nudge.show(w, { force: true }), id);

for (const { name, ...options } of devices) {
  for (const [scene, run] of Object.entries(scenes)) {
    if (only && !scene.startsWith(only)) continue;
    const context = await browser.newContext({ reducedMotion: "reduce", ...options });
    const page = await context.newPage();
    await run(page);
    await page.evaluate(() => document.fonts.ready);
    const file = `${out}/extras-${scene}-${name}.png`;
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
}
await close();
