// `node scripts/screenshots-popup-family.mjs [--no-build] [ids…]`: every popup layout and the countdown coupon on the
// gallery page, desktop and 360 px phone, light and dark (and Russian for a few), into .tmp/screenshots/.
import { openScreenshots } from "./screenshot-session.mjs";

const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const { out, server, browser, close } = await openScreenshots();
const ids = [
  "modal",
  "slide-in",
  "top-bar",
  "bottom-bar",
  "fullscreen",
  "lead",
  "lead-errors",
  "fullscreen-sent",
  "inline",
  "teaser",
  "countdown-coupon",
  "countdown-coupon-slide",
  "copied",
];
const sizes = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone-360", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
];
for (const size of sizes) {
  for (const scheme of ["light", "dark"]) {
    for (const lang of ["en", "ru"]) {
      if (lang === "ru" && scheme === "dark") continue;
      const context = await browser.newContext({ reducedMotion: "reduce", colorScheme: scheme, ...size });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      const page = await context.newPage();
      for (const id of ids.filter((i) => !only.length || only.includes(i))) {
        await page.goto(`${server.url}/gallery/popup.html${lang === "ru" ? "?lang=ru" : ""}`);
        await page.waitForFunction(() => window.nudge?.__nudge === "running");
        await page.evaluate(() => window.nudge.ready);
        const widget = { "lead-errors": "lead", "fullscreen-sent": "fullscreen", teaser: "modal", copied: "countdown-coupon" }[id] ?? id;
        if (widget === "inline") await page.locator("#inline-slot").scrollIntoViewIfNeeded();
        await page.evaluate((i) => window.nudge.show(i, { force: true }), widget);
        const root = page.locator(widget === "inline" ? "nudge-inline" : "nudge-root");
        await root.locator(".nudge-w").first().waitFor({ state: "visible" });
        if (id === "lead-errors") {
          await root.locator("input[name=phone]").fill("12");
          await root.locator(".nudge-lead__submit").click();
        }
        if (id === "fullscreen-sent") {
          await root.locator("input[name=email]").fill("ada@example.com");
          await root.locator("input[type=checkbox]").check();
          await root.locator(".nudge-lead__submit").click();
        }
        if (id === "teaser") await root.locator(".nudge-popup__close").click();
        if (id === "copied") await root.locator(".nudge-coupon__copy").click();
        for (const img of await root.locator("img").all()) await img.evaluate((el) => el.decode().catch(() => {}));
        await page.waitForTimeout(150);
        const file = `${out}/pf-${id}-${size.name}-${scheme}${lang === "ru" ? "-ru" : ""}.png`;
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
}
await close();
