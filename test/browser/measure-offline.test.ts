import { readFileSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types
import { serve } from "../../scripts/serve.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH, dialog, nudgeReady, watchedPage } from "./harness.js";

/*
 * The demo shop sends its measured events to the local collector (POST /collect on 127.0.0.1,
 * scripts/collector.mjs). The network goes away, the visitor acts, the tab reloads while
 * offline, the network comes back: the collector must get every event, and after its
 * de-duplication by id, exactly once. Delivery itself is at least once (a sendBeacon copy at
 * page exit, a keepalive request whose answer was lost), so the same id may arrive twice.
 *
 * The outage is real at the collector too (it answers 503): Chromium's offline emulation does
 * not stop requests a page makes while it unloads (at the failed offline reload, pagehide sees
 * navigator.onLine === true and its keepalive fetch reaches the server), which a real outage would.
 */

interface Collected {
  id: string;
  name: string;
  widget: string;
}
let server: { url: string; close(): Promise<void>; collector: { events(): Collected[]; arrivals(): Collected[]; batches: Array<{ receivedAt: number; events: Collected[] }> } };
let browser: Browser;

/** While true the collector is down: it answers 503 and stores nothing (the ids that tried are kept). */
let down = false;
const refused: string[] = [];

beforeAll(async () => {
  server = await serve({
    port: 0,
    routes: {
      "/collect": (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
        if (!down) return server.collector.handle(req, res);
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
          try {
            refused.push(...(JSON.parse(Buffer.concat(chunks).toString("utf8")).events as Collected[]).map((e) => e.id));
          } catch {
            // not a beacon body
          }
          res.writeHead(503).end();
        });
      },
    },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The beacon's persisted queue (src/measure/outbox.ts): a head key, and one key per event. */
const queued = () => {
  const key = "nudge:outbox:/collect";
  if (!location.protocol.startsWith("http")) return []; // the offline error page has no storage
  const head = JSON.parse(localStorage.getItem(key) ?? '{"first":0,"next":0}') as { first: number; next: number; queue?: Array<{ id: string; name: string }> };
  if (head.queue) return head.queue; // the earlier whole-queue format (to run this test against older builds)
  const events: Array<{ id: string; name: string }> = [];
  for (let seq = head.first; seq < head.next; seq++) {
    const entry = localStorage.getItem(`${key}#${seq}`);
    if (entry) events.push(JSON.parse(entry).event);
  }
  return events;
};

describe("beacon destination in the demo shop, offline and back", () => {
  it("queues events while offline and the collector is down, keeps them and the local log across a reload, and delivers each one (once per id after de-duplication)", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(`window.outbox = ${queued.toString()}`);
    // The shop's rules with only the widgets this test follows: no other promo (random per visitor) takes the welcome offer's turn.
    const shopRules = JSON.parse(readFileSync(new URL("../../examples/shop/rules.json", import.meta.url), "utf8")) as { widgets: Array<{ id: string }> };
    await context.route("**/shop/rules.json", (route) =>
      route.fulfill({ json: { ...shopRules, widgets: shopRules.widgets.filter((w) => w.id === "welcome-offer" || w.id === "gift-finder") } }),
    );
    const { page, errors } = await watchedPage(context);
    const received = () => server.collector.events();
    await page.goto(`${server.url}/shop/index.html`);
    await nudgeReady(page);
    await page.goto(`${server.url}/shop/category.html`);
    await nudgeReady(page);
    await dialog(page).waitFor({ state: "visible" });

    // Online: the welcome offer's eligible, shown and viewable events arrive.
    await expect
      .poll(
        () =>
          received()
            .filter((e) => e.widget === "welcome-offer")
            .map((e) => e.name),
        { timeout: 10_000 },
      )
      .toEqual(["eligible", "shown", "viewable"]);

    // Offline, and the collector down: the visitor closes the offer and buys; the events wait in the persisted queue.
    down = true;
    await context.setOffline(true);
    await page.waitForFunction(() => navigator.onLine === false);
    await page.locator("nudge-root button[aria-label]").first().click();
    await dialog(page).waitFor({ state: "detached" });
    await page.evaluate(() => (window as any).nudge.purchase({ id: "order-offline-1", value: 45 }));
    // The moment both are queued the tab reloads (offline: the page fails to load), while the
    // log's batched write (250 ms) is still pending: what it held must not be lost.
    await page
      .waitForFunction(() => {
        const queue = (window as any).outbox() as Array<{ name: string }>;
        const names = queue.map((e) => e.name);
        if (!names.includes("closed") || !names.includes("converted")) return false;
        localStorage.setItem("test:waiting", JSON.stringify(queue));
        location.reload();
        return true;
      })
      .catch(() => {}); // the reload may end the evaluation before it answers
    await expect.poll(() => page.evaluate(() => location.href).catch(() => ""), { timeout: 15_000 }).toMatch(/^chrome-error:/);
    const onlineAt = Date.now();
    down = false;
    await context.setOffline(false);
    // Back online: the next page sends the queue.
    await page.goto(`${server.url}/shop/index.html`);
    await nudgeReady(page);
    const waiting = JSON.parse((await page.evaluate(() => localStorage.getItem("test:waiting")))!) as Array<{ id: string; name: string }>;
    const offlineIds = waiting.filter((e) => e.name === "closed" || e.name === "converted").map((e) => e.id);
    expect(offlineIds).toHaveLength(2);
    const ids = waiting.map((e) => e.id);
    await expect.poll(() => ids.filter((id) => received().some((e) => e.id === id)).length, { timeout: 15_000 }).toBe(ids.length);
    // Empty once every event is acknowledged; one whose request was cut by the offline switch waits out its lease (30 s).
    await page.waitForFunction(() => (window as any).outbox().length === 0, undefined, { timeout: 45_000 });
    // What was recorded offline was stored only after the recovery (a copy that tried during the outage was refused, not lost).
    const offlineArrivals = server.collector.batches.filter((b) => b.events.some((e) => offlineIds.includes(e.id)));
    expect(offlineArrivals.length).toBeGreaterThanOrEqual(1);
    for (const batch of offlineArrivals) expect(batch.receivedAt).toBeGreaterThanOrEqual(onlineAt);

    // A last event through the same queue: when it has arrived, anything sent before it has too.
    await page.evaluate(() => (window as any).nudge.show("gift-finder", { force: true }));
    await expect.poll(() => received().some((e) => e.widget === "gift-finder" && e.name === "shown"), { timeout: 10_000 }).toBe(true);

    // After the collector's de-duplication by id, every event once; over the wire, at least once.
    const all = received();
    const arrivals = new Map<string, number>();
    for (const e of server.collector.arrivals()) arrivals.set(e.id, (arrivals.get(e.id) ?? 0) + 1);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (const id of ids) expect(arrivals.get(id), id).toBeGreaterThanOrEqual(1);
    const welcome = all.filter((e) => e.widget === "welcome-offer").map((e) => e.name);
    expect(welcome).toEqual(["eligible", "shown", "viewable", "closed", "converted"]);
    const converted = all.find((e) => e.name === "converted") as unknown as { value: number; order: string; currency: string };
    expect(converted).toMatchObject({ value: 45, order: "order-offline-1", currency: "USD" });

    // What this browser recorded (the events from before the reload included) is what the collector holds.
    const localIds = async () => ((await page.evaluate(async () => ((await (window as any).nudge.report()).log as Array<{ id: string }>).map((e) => e.id))) as string[]).sort();
    for (const id of offlineIds) expect(await localIds()).toContain(id);
    await expect
      .poll(
        async () => [
          await localIds(),
          received()
            .map((e) => e.id)
            .sort(),
        ],
        { timeout: 10_000 },
      )
      .toSatisfy(([local, collected]) => JSON.stringify(local) === JSON.stringify(collected));
    const duplicates = [...arrivals.values()].filter((n) => n > 1).length;
    console.info(
      `measure-offline: ${all.length} events, ${duplicates} arrived more than once (at least once delivery, de-duplicated by id); ${refused.length} refused during the outage`,
    );
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e))).toEqual([]);
    await context.close();
  }, 150_000); // five page loads, an offline period and a reload, on a shared machine
});
