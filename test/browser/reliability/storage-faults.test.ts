import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness.js";
import { expectClean, guardedPage, hostHtml, ready, serveHost, settled, type Guarded } from "./guard.js";

let harness: Harness;
let context: BrowserContext;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());
afterEach(async () => context?.close());

const PAGE = "/rel/store.html";
/** Nudge's own notes about storage (`[nudge] storage: …`, info or error) are expected here; nothing else. */
const STORAGE_NOTES = [/^(info|error): \[nudge\] storage/];

async function open(init?: () => void, options: { rulesStatus?: number } = {}): Promise<Guarded> {
  context = await harness.browser.newContext();
  if (init) await context.addInitScript(init);
  const g = await guardedPage(context);
  await serveHost(context, PAGE, hostHtml());
  await context.route(
    (url) => url.pathname === "/rel/blank.html",
    (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title>" }),
  );
  if (options.rulesStatus) await context.route("**/rel/rules.json", (route) => route.fulfill({ status: options.rulesStatus, body: "oops" }));
  return g;
}

const nudgeCall = (page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([name, rest]) => (name as string).split(".").reduce((o: any, k) => (typeof o[k] === "function" ? o[k].bind(o) : o[k]), (window as any).nudge)(...(rest as unknown[])),
    [fn, args] as const,
  );
const cartIds = (page: Page) =>
  page.evaluate(() =>
    (window as any).nudge
      .facts()
      .cart.items.map((i: { id: string }) => i.id)
      .sort(),
  );
const storeKind = (page: Page) =>
  page.evaluate(async () => {
    const dbs = await indexedDB?.databases?.().catch(() => []);
    const idb = (dbs ?? []).some((db) => db.name === "nudge");
    let local = false;
    try {
      local = localStorage.getItem("nudge:profile") !== null;
    } catch {}
    return local ? "localstorage" : idb ? "indexeddb" : "none";
  });

async function visit(page: Page) {
  await page.goto(`${harness.baseUrl}${PAGE}`);
  await ready(page);
}

/** Cart ids in the stored profile, read from whichever storage holds one (bypassing Nudge). */
const storedCart = (page: Page) =>
  page.evaluate(async () => {
    // Open only a database that exists: opening creates it, empty, and Nudge's next open would find no store in it.
    const exists = await Promise.race([
      Promise.resolve()
        .then(() => indexedDB.databases())
        .then((dbs) => dbs.some((db) => db.name === "nudge")),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
    ]).catch(() => false);
    const fromIdb = await new Promise<unknown>((resolve) => {
      if (!exists) return resolve(undefined);
      setTimeout(() => resolve(undefined), 500); // a blocked open never answers
      try {
        const request = indexedDB.open("nudge");
        request.onerror = () => resolve(undefined);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains("kv")) return resolve(undefined);
          const get = db.transaction("kv").objectStore("kv").get("profile");
          get.onsuccess = () => resolve(get.result);
        };
      } catch {
        resolve(undefined);
      }
    });
    let fromLocal: unknown;
    try {
      fromLocal = JSON.parse(localStorage.getItem("nudge:profile") ?? "null");
    } catch {}
    const profile = (fromIdb ?? fromLocal) as { cart?: Array<{ id: string }> } | null;
    return (profile?.cart ?? []).map((item) => item.id).sort();
  });

/**
 * Adds items, waits until they are stored, reloads, and returns the cart the next page reads back.
 * (Waiting matters where IndexedDB works but localStorage does not: there is no synchronous
 * page-hide journal then, so a change made in the last moments before unload can be lost.)
 */
async function addAndReload(page: Page, ids: string[]) {
  for (const id of ids) await nudgeCall(page, "cart.add", { id, price: 1 });
  const all = await cartIds(page);
  await expect.poll(() => storedCart(page), { timeout: 10_000 }).toEqual(all);
  await page.reload();
  await ready(page);
  return cartIds(page);
}

describe("storage faults", { timeout: 60_000 }, () => {
  const fallbacks: Array<[string, () => void, string]> = [
    ["IndexedDB missing", () => Object.defineProperty(window, "indexedDB", { value: undefined }), "localstorage"],
    [
      "indexedDB.open throwing",
      () => {
        IDBFactory.prototype.open = () => {
          throw new DOMException("The user denied permission to access the database.", "SecurityError");
        };
      },
      "localstorage",
    ],
    [
      "indexedDB.open failing (onerror)",
      () => {
        const real = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function (this: IDBFactory, ...args: [string, number?]) {
          const request = real.apply(this, args);
          // Turn the success into an error before anyone else hears of it (an "UnknownError" of a broken disk).
          request.addEventListener(
            "success",
            (event) => {
              event.stopImmediatePropagation();
              request.result.close();
              request.dispatchEvent(new Event("error"));
            },
            { capture: true },
          );
          return request;
        } as IDBFactory["open"];
      },
      "localstorage",
    ],
    [
      "indexedDB.open blocked (never answers)",
      () => {
        IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest;
      },
      "localstorage",
    ],
    [
      "localStorage throwing on every call (IndexedDB fine)",
      () => {
        for (const name of ["getItem", "setItem", "removeItem", "key", "clear"] as const) {
          Storage.prototype[name] = () => {
            throw new DOMException("access denied", "SecurityError");
          };
        }
      },
      "indexeddb",
    ],
  ];
  for (const [name, init, expected] of fallbacks) {
    it(`${name}: falls back (${expected}), nothing is lost across a reload, the popup shows`, async () => {
      const g = await open(init);
      await visit(g.page);
      await settled(g.page);
      expect(await addAndReload(g.page, ["a", "b"])).toEqual(["a", "b"]);
      expect(await storeKind(g.page)).toBe(expected);
      await expectClean(g, { allow: STORAGE_NOTES });
    });
  }

  it("cookies disabled (every storage throws SecurityError, document.cookie too): runs in memory, the popup shows, calls work", async () => {
    const g = await open(() => {
      const denied = () => {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      };
      for (const name of ["localStorage", "sessionStorage", "indexedDB"]) Object.defineProperty(window, name, { get: denied });
      Object.defineProperty(Document.prototype, "cookie", { get: denied, set: denied });
      Object.defineProperty(Navigator.prototype, "cookieEnabled", { get: () => false });
    });
    await visit(g.page);
    await settled(g.page);
    await nudgeCall(g.page, "cart.add", { id: "a", price: 1 });
    expect(await cartIds(g.page)).toEqual(["a"]);
    await nudgeCall(g.page, "forget");
    expect(await cartIds(g.page)).toEqual([]);
    await expectClean(g, { allow: STORAGE_NOTES });
  });

  it("quota exceeded in the middle of writes: nothing is lost, whether more changes follow or the page is simply left", async () => {
    const g = await open(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        if ((window as unknown as { __full?: boolean }).__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        return put.apply(this, args);
      };
    });
    await visit(g.page);
    await g.page.evaluate(() => ((window as any).__full = true));
    for (const id of ["a", "b", "c"]) await nudgeCall(g.page, "cart.add", { id, price: 1 });
    await expect.poll(() => g.console.some((line) => line.includes("[nudge] storage") && line.includes("quota")), { timeout: 10_000 }).toBe(true);
    await g.page.evaluate(() => ((window as any).__full = false));
    await nudgeCall(g.page, "cart.add", { id: "d", price: 1 }); // the next write retries the failed batch
    expect(await addAndReload(g.page, [])).toEqual(["a", "b", "c", "d"]);
    // Full again, and the visitor leaves: the page-hide journal carries the change to the next page.
    await g.page.evaluate(() => ((window as any).__full = true));
    await nudgeCall(g.page, "cart.add", { id: "e", price: 1 });
    await g.page.goto(`${harness.baseUrl}/rel/blank.html`);
    await g.page.evaluate(() => ((window as any).__full = false));
    await visit(g.page);
    expect(await cartIds(g.page)).toEqual(["a", "b", "c", "d", "e"]);
    await expectClean(g, { allow: STORAGE_NOTES });
  });

  it("corrupted values in every key Nudge reads: set aside with a clear message, a fresh profile, widgets still show", async () => {
    const g = await open(undefined, { rulesStatus: 500 });
    await g.page.goto(`${harness.baseUrl}/rel/blank.html`);
    await g.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open("nudge");
        request.onupgradeneeded = () => request.result.createObjectStore("kv");
        request.onsuccess = () => resolve(request.result);
      });
      const store = db.transaction("kv", "readwrite").objectStore("kv");
      store.put({ v: 2, rev: "seven", id: 42, cart: "lots" }, "profile");
      store.put({ [new URL("/rel/rules.json", location.href).href]: { hash: 1, rules: "not rules", problems: "none" } }, "rules");
      await new Promise((resolve) => (store.transaction.oncomplete = resolve));
      db.close();
      for (const key of ["profile.unsaved", "profile.snapshot", "modal", "profile.tick"]) localStorage.setItem(`nudge:${key}`, "{not json");
      localStorage.setItem("nudge:modal.lock", '{"tab":1,"until":"soon"}');
      sessionStorage.setItem("nudge:time_on_site", "NaN-ish");
    });
    await visit(g.page);
    await nudgeCall(g.page, "cart.add", { id: "fresh", price: 1 });
    expect(await addAndReload(g.page, [])).toEqual(["fresh"]);
    await expect(nudgeCall(g.page, "show", "hello", { force: true })).resolves.toBe(false); // no usable rules: reported, not thrown
    await expectClean(g, {
      allow: [...STORAGE_NOTES, /^error: \[nudge\] rules: /, /^warning: \[nudge\] show\("hello"\)/, /^error: Failed to load resource: the server responded with a status of 500/],
    });
    expect(g.console.some((line) => line.includes("[nudge] storage: the stored profile was unreadable"))).toBe(true);
  });

  it("storage cleared while the page is open (the visitor clears site data): later changes are still written", async () => {
    const g = await open();
    await visit(g.page);
    await nudgeCall(g.page, "cart.add", { id: "before", price: 1 });
    await expect.poll(() => storedCart(g.page), { timeout: 10_000 }).toEqual(["before"]); // written: nothing pending
    const cdp = await context.newCDPSession(g.page);
    await cdp.send("Storage.clearDataForOrigin", { origin: harness.baseUrl, storageTypes: "all" });
    expect(await storedCart(g.page)).toEqual([]);
    await nudgeCall(g.page, "cart.add", { id: "after", price: 1 });
    // This page still knows both; the next page must find "after" (and "before", which it wrote again with it).
    expect(await addAndReload(g.page, [])).toEqual(["after", "before"]);
    await expectClean(g, { allow: STORAGE_NOTES });
  });
});
