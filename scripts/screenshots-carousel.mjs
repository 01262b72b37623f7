// `node scripts/screenshots-carousel.mjs [--no-build]`: the recommendation carousel in the demo shop and
// the gallery, desktop and 360 px phone, light and dark, into .tmp/screenshots/carousel-*.png.
import { openScreenshots } from "./screenshot-session.mjs";

const { out, server, browser, close } = await openScreenshots();
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function ready(page) {
  await page.waitForFunction(() => window.nudge?.__nudge === "running");
  await page.evaluate(() => window.nudge.ready);
}
async function imagesIn(locator) {
  await locator.evaluateAll((imgs) => Promise.all(imgs.map((img) => ((img.loading = "eager"), img.decode().catch(() => {})))));
}

const shots = [
  [
    "product-desktop",
    desktop,
    "light",
    async (page) => {
      await page.goto(`${server.url}/shop/product.html?id=sku-401`);
      await ready(page);
      const c = page.locator("#also-like nudge-inline .nudge-carousel");
      await c.waitFor();
      await imagesIn(c.locator("img"));
      await c.evaluate((el) => el.scrollIntoView({ block: "center" }));
    },
  ],
  [
    "product-360",
    phone,
    "light",
    async (page) => {
      await page.goto(`${server.url}/shop/product.html?id=sku-401`);
      await ready(page);
      const c = page.locator("#also-like nudge-inline .nudge-carousel");
      await c.waitFor();
      await imagesIn(c.locator("img"));
      await c.evaluate((el) => el.scrollIntoView({ block: "center" }));
    },
  ],
  [
    "cart-360",
    phone,
    "light",
    async (page) => {
      await page.goto(`${server.url}/shop/product.html?id=sku-101`);
      await ready(page);
      await page.locator("#add-to-cart:not([disabled])").click();
      await page.waitForFunction(() => window.nudge.facts().cart.count === 1);
      await page.goto(`${server.url}/shop/cart.html`);
      await ready(page);
      // The welcome offer may show on this second page view: close it to see the carousel.
      if (await page.locator("nudge-root [role=dialog]").count()) await page.keyboard.press("Escape");
      const c = page.locator("#cart-cross-sell nudge-inline .nudge-carousel");
      await c.waitFor();
      await imagesIn(c.locator("img"));
      await page.evaluate(() => window.scrollTo(0, 330));
    },
  ],
  [
    "gallery-desktop-dark",
    desktop,
    "dark",
    async (page) => {
      await page.goto(`${server.url}/gallery/carousel.html`);
      await ready(page);
      await page.locator("button[data-show=similar]").click();
      const c = page.locator("#slot-similar nudge-inline .nudge-carousel");
      await c.waitFor();
      await imagesIn(c.locator("img"));
      await page.locator("#h-similar").evaluate((el) => el.scrollIntoView());
    },
  ],
  [
    "popup-desktop-dark",
    desktop,
    "dark",
    async (page) => {
      await page.goto(`${server.url}/gallery/carousel.html`);
      await ready(page);
      await page.locator("button[data-show=personal-popup]").click();
      const d = page.locator("nudge-root [role=dialog]");
      await d.locator(".nudge-card").first().waitFor();
      await imagesIn(d.locator("img"));
    },
  ],
  [
    "popup-360-dark",
    phone,
    "dark",
    async (page) => {
      await page.goto(`${server.url}/gallery/carousel.html?lang=ru`);
      await ready(page);
      await page.locator("button[data-show=personal-popup]").click();
      const d = page.locator("nudge-root [role=dialog]");
      await d.locator(".nudge-card").first().waitFor();
      await imagesIn(d.locator("img"));
    },
  ],
  [
    "gallery-ru-desktop",
    desktop,
    "light",
    async (page) => {
      await page.goto(`${server.url}/gallery/carousel.html?lang=ru`);
      await ready(page);
      await page.locator("button[data-show=cart-cross-sell]").click();
      const c = page.locator("#slot-cart-cross-sell nudge-inline .nudge-carousel");
      await c.waitFor();
      await imagesIn(c.locator("img"));
      await page.locator("#h-cart-cross-sell").evaluate((el) => el.scrollIntoView());
    },
  ],
];

for (const [name, options, colorScheme, act] of shots) {
  const context = await browser.newContext({ reducedMotion: "reduce", colorScheme, ...options });
  const page = await context.newPage();
  await act(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const file = `${out}/carousel-${name}.png`;
  await page.screenshot({ path: file });
  console.log(file);
  await context.close();
}
await close();
