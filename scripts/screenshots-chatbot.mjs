// `node scripts/screenshots-chatbot.mjs [--no-build]`: the demo shop's chatbot on a product page, as a teaser
// and mid-dialogue, desktop and 360 px, light and dark, saved to .tmp/screenshots/chatbot-*.png.
import { openScreenshots } from "./screenshot-session.mjs";

const { out, server, browser, close } = await openScreenshots();
const shots = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "desktop-dark", viewport: { width: 1280, height: 800 }, colorScheme: "dark" },
  { name: "phone-360", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: "phone-360-dark", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, colorScheme: "dark" },
];
const idle = (page) =>
  page.waitForFunction(() => {
    const root = document.querySelector("nudge-root")?.shadowRoot;
    return root?.querySelector(".nudge-chat__log")?.getAttribute("aria-busy") === "false" && !!root.querySelector(".nudge-chat__foot");
  });
const reply = async (page, label) => {
  await page.locator("nudge-root .nudge-chat__reply", { hasText: label }).first().click();
  await idle(page);
};

for (const { name, ...options } of shots) {
  const context = await browser.newContext({ reducedMotion: "reduce", ...options });
  const page = await context.newPage();
  await page.goto(`${server.url}/shop/product.html?id=sku-102`);
  await page.waitForFunction(() => window.nudge?.__nudge === "running");
  await page.evaluate(() => window.nudge.ready);
  await page.evaluate(() => window.nudge.show("help-choosing", { force: true }));
  await page.locator("nudge-root .nudge-chat__teaser").waitFor();
  await page.screenshot({ path: `${out}/chatbot-${name}-teaser.png` });
  await page.locator("nudge-root .nudge-chat__teaser-open").click();
  await idle(page);
  await reply(page, "Help me choose");
  await reply(page, "Bright and fruity");
  await reply(page, "Pour-over or filter");
  await page.screenshot({ path: `${out}/chatbot-${name}-replies.png` });
  await reply(page, "Anything else?");
  await reply(page, "Thanks, that's all");
  await page.locator("nudge-root .nudge-chat__input").fill("ann@example");
  await page.keyboard.press("Enter");
  await page.locator("nudge-root .nudge-chat__error").waitFor();
  await page.screenshot({ path: `${out}/chatbot-${name}-email.png` });
  console.log(`${out}/chatbot-${name}-*.png`);
  await context.close();
}
await close();
