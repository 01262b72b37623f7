import { describe, expect, it } from "vitest";
import { backoff, createBeacon, LEASE_MS } from "../../../src/measure/beacon.js";
import { createOutbox, memoryStorage } from "../../../src/measure/outbox.js";
import { event, fakeEnv, fakeNetwork, settle } from "./fakes.js";

const config = { url: "/collect", batchSize: 3, maxQueue: 10, flushInterval: 1000 };

function beacon(net = fakeNetwork(), storage = memoryStorage(), options: Partial<typeof config> = {}, start?: number) {
  const fake = fakeEnv(net, storage, start);
  const problems: string[] = [];
  let consented = true;
  const b = createBeacon(
    { ...config, ...options },
    { env: fake.env, consented: () => consented, problem: (where, error) => problems.push(`${where}: ${(error as Error)?.message}`) },
  );
  return { ...fake, net, storage, beacon: b, problems, withdraw: () => (consented = false) };
}

describe("the outbox (persisted queue)", () => {
  it("adding one event to a queue of 999 writes about one event's bytes, not the whole queue", () => {
    const inner = memoryStorage();
    let written = 0;
    const counting = { ...inner, setItem: (k: string, v: string) => ((written += k.length + v.length), inner.setItem(k, v)) };
    const outbox = createOutbox(counting, "k", 1000, () => {});
    const big = (n: number) => event({ id: `b${n}`, path: "/shop/category/shoes-and-sneakers.html", exposure: "welcome-offer@1767607200000" });
    for (let n = 0; n < 999; n++) outbox.add([big(n)]);
    const one = JSON.stringify(big(999)).length;
    written = 0;
    outbox.add([big(999)]);
    expect(written).toBeLessThan(one + 200);
    // Taking and acknowledging a batch writes in proportion to the batch, not the queue.
    written = 0;
    const batch = outbox.take(25, 0, 100);
    outbox.delivered(
      batch.events.map((e) => e.id),
      batch.dropped,
    );
    expect(written).toBeLessThan(25 * (one + 50) + 200);
    expect(outbox.size()).toBe(975);
  });

  it("survives a reload: a new outbox on the same storage holds what the old one queued", () => {
    const storage = memoryStorage();
    const first = createOutbox(storage, "k", 10, () => {});
    first.add([event({ id: "a" }), event({ id: "b" })]);
    const second = createOutbox(storage, "k", 10, () => {});
    expect(second.take(10, 0, 100).events.map((e) => e.id)).toEqual(["a", "b"]);
  });

  it("carries over a queue stored by the earlier whole-queue format, with its drop count", () => {
    const storage = memoryStorage();
    storage.setItem("k", JSON.stringify({ queue: [event({ id: "old1" }), event({ id: "old2" })], leases: {}, sent: ["gone"], dropped: 3 }));
    const outbox = createOutbox(storage, "k", 10, () => {});
    expect(outbox.take(10, 0, 100)).toMatchObject({ events: [{ id: "old1" }, { id: "old2" }], dropped: 3 });
    expect(JSON.parse(storage.getItem("k")!)).toMatchObject({ v: 2, first: 0, next: 2, dropped: 3 });
  });

  it("is bounded: beyond max the oldest are dropped and counted until the endpoint is told", () => {
    const outbox = createOutbox(memoryStorage(), "k", 3, () => {});
    expect(outbox.add([1, 2, 3, 4, 5].map((n) => event({ id: `e${n}` })))).toBe(2);
    const batch = outbox.take(10, 0, 100);
    expect(batch.events.map((e) => e.id)).toEqual(["e3", "e4", "e5"]);
    expect(batch.dropped).toBe(2);
    outbox.delivered(["e3", "e4", "e5"], batch.dropped);
    expect(outbox.dropped()).toBe(0);
  });

  it("leases: a second tab does not take what the first is sending, until the lease runs out", () => {
    const storage = memoryStorage();
    const tabA = createOutbox(storage, "k", 10, () => {});
    const tabB = createOutbox(storage, "k", 10, () => {});
    tabA.add([event({ id: "a" }), event({ id: "b" })]);
    expect(tabA.take(1, 0, 100).events.map((e) => e.id)).toEqual(["a"]);
    expect(tabB.take(10, 50, 150).events.map((e) => e.id)).toEqual(["b"]);
    expect(tabB.take(10, 101, 200).events.map((e) => e.id)).toEqual(["a"]); // tab A died mid-request
  });

  it("an unreadable stored queue is reported and reset; a storage that refuses writes does not throw", () => {
    const storage = memoryStorage();
    storage.setItem("k", "{not json");
    const problems: unknown[] = [];
    const outbox = createOutbox(storage, "k", 10, (e) => problems.push(e));
    outbox.add([event({ id: "a" })]);
    expect(problems).toHaveLength(1);
    expect(outbox.size()).toBe(1);
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {},
    };
    expect(() => createOutbox(full, "k", 10, (e) => problems.push(e)).add([event()])).not.toThrow();
    expect(problems).toHaveLength(2);
  });
});

describe("the beacon destination with a fake network", () => {
  it.each([
    ["answers 503", 503],
    ["is unreachable", "offline"],
  ] as const)("an outage across 5 page views, then recovery: every event arrives, once per id after de-duplication (the endpoint %s)", async (_, answer) => {
    const storage = memoryStorage();
    const net = fakeNetwork();
    net.respond = () => answer;
    const ids: string[] = [];
    let now = Date.UTC(2026, 0, 5, 10);
    for (let view = 0; view < 5; view++) {
      const page = beacon(net, storage, { batchSize: 25, maxQueue: 1000 }, now);
      page.beacon.start();
      for (let i = 0; i < 200; i++) {
        const e = event({ id: `v${view}-${i}`, path: "/shop/category/shoes-and-sneakers.html", exposure: `welcome-offer@${now}` });
        ids.push(e.id);
        page.beacon.send(e);
      }
      await page.clock.advance(20_000); // fetches fail and back off
      page.win.dispatchEvent(new Event("pagehide")); // sendBeacon accepts its budget's worth: that is not delivery
      page.beacon.stop();
      await settle();
      now = page.clock.now();
      expect(page.beacon.stats()).toMatchObject({ sent: 0, queued: (view + 1) * 200, dropped: 0 });
    }
    expect(net.requests.some((r) => r.via === "beacon")).toBe(answer === 503); // the copies went (and were refused)

    net.respond = () => 200; // the collector is back
    const after = beacon(net, storage, { batchSize: 25, maxQueue: 1000 }, now + LEASE_MS);
    after.beacon.start();
    await after.clock.advance(60_000);
    const stored = net.stored();
    expect(new Set(stored).size).toBe(1000);
    expect([...new Set(stored)].sort()).toEqual([...ids].sort());
    expect(after.beacon.stats()).toMatchObject({ sent: 1000, queued: 0, dropped: 0 });
  });

  it("a full queue's drop count survives pagehide while the endpoint is down, and reaches it on recovery", async () => {
    const storage = memoryStorage();
    const net = fakeNetwork();
    net.respond = () => 503;
    const first = beacon(net, storage, { maxQueue: 100, batchSize: 25 });
    for (let i = 0; i < 150; i++) first.beacon.send(event({ id: `d${i}` }));
    await first.clock.advance(5000);
    first.win.dispatchEvent(new Event("pagehide"));
    first.beacon.stop();
    await settle();
    expect(first.beacon.stats()).toMatchObject({ queued: 100, dropped: 50 });

    net.respond = () => 200;
    const second = beacon(net, storage, { maxQueue: 100, batchSize: 25 }, first.clock.now() + LEASE_MS);
    second.beacon.start();
    await second.clock.advance(60_000);
    const told = net.requests.filter((r) => r.status === 200).reduce((sum, r) => sum + r.body.dropped, 0);
    expect(told).toBe(50);
    expect(new Set(net.stored()).size).toBe(100);
    expect(second.beacon.stats()).toMatchObject({ queued: 0, dropped: 0 });
  });

  it("batches: events within the flush interval go in one POST (fetch, keepalive), in batches of batchSize", async () => {
    const { beacon: b, clock, net } = beacon();
    for (let i = 0; i < 5; i++) b.send(event({ id: `x${i}` }));
    expect(net.requests).toHaveLength(0);
    await clock.advance(1000);
    expect(net.requests.map((r) => r.body.events.map((e) => e.id))).toEqual([
      ["x0", "x1", "x2"],
      ["x3", "x4"],
    ]);
    expect(net.requests.every((r) => r.via === "fetch" && r.keepalive && r.url === "/collect")).toBe(true);
    expect(b.stats()).toMatchObject({ sent: 5, queued: 0, failures: 0 });
  });

  it("retries with exponential backoff (1 s, 2 s, 4 s…) and delivers each event once", async () => {
    const { beacon: b, clock, net } = beacon();
    let failures = 3;
    const attempts: number[] = [];
    net.respond = () => {
      attempts.push(clock.now());
      return failures-- > 0 ? 503 : 200;
    };
    b.send(event({ id: "r1" }));
    await clock.advance(1000);
    await clock.advance(60_000);
    const start = attempts[0];
    expect(attempts.map((t) => t - start)).toEqual([0, 1000, 3000, 7000]);
    expect(net.ids()).toEqual(["r1", "r1", "r1", "r1"]); // three answered 503, the fourth 200
    expect(b.stats()).toMatchObject({ sent: 1, failures: 3, queued: 0 });
  });

  it("backoff doubles up to 5 minutes, with ±20% jitter", () => {
    expect([1, 2, 3, 4].map((n) => backoff(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoff(20, () => 0.5)).toBe(300_000);
    expect(backoff(1, () => 0)).toBe(800);
    expect(backoff(1, () => 0.999999)).toBe(1200);
  });

  it("offline: nothing is attempted; back online, everything queued goes at once", async () => {
    const { beacon: b, clock, net, win } = beacon();
    net.online = false;
    b.send(event({ id: "o1" }));
    b.send(event({ id: "o2" }));
    await clock.advance(10 * 60_000);
    expect(net.requests).toEqual([]);
    net.online = true;
    win.dispatchEvent(new Event("online"));
    await settle();
    expect(net.ids()).toEqual(["o1", "o2"]);
  });

  it("a lost network mid-way: failed fetches are retried, and a reload (new instance, same storage) sends the rest exactly once", async () => {
    const storage = memoryStorage();
    const net = fakeNetwork();
    const first = beacon(net, storage);
    first.beacon.send(event({ id: "p1" }));
    await first.clock.advance(1000);
    net.online = false; // fetch now rejects, navigator.onLine says false
    first.beacon.send(event({ id: "p2" }));
    first.beacon.send(event({ id: "p3" }));
    await first.clock.advance(5000);
    first.win.dispatchEvent(new Event("pagehide")); // offline: no sendBeacon, the events stay queued
    first.beacon.stop();
    expect(net.ids()).toEqual(["p1"]);

    net.online = true;
    const second = beacon(net, storage);
    second.beacon.start();
    await second.clock.advance(0);
    expect(net.ids()).toEqual(["p1", "p2", "p3"]);
    expect(second.beacon.stats().queued).toBe(0);
  });

  it("pagehide: sendBeacon is a best-effort extra copy; the events stay queued until a response acknowledges them", async () => {
    const storage = memoryStorage();
    const net = fakeNetwork();
    const first = beacon(net, storage);
    first.beacon.send(event({ id: "h1" }));
    first.win.dispatchEvent(new Event("pagehide"));
    first.beacon.stop();
    await settle();
    expect(net.requests.map((r) => [r.via, r.body.events.map((e) => e.id)])).toEqual([["beacon", ["h1"]]]);
    const second = beacon(net, storage);
    expect(second.beacon.stats().queued).toBe(1); // "queued by the browser" is not "delivered"
    second.beacon.start();
    await second.clock.advance(5000);
    expect(net.requests.map((r) => r.via)).toEqual(["beacon", "fetch"]);
    expect(new Set(net.stored())).toEqual(new Set(["h1"])); // the endpoint de-duplicates by id
    expect(second.beacon.stats()).toMatchObject({ sent: 1, queued: 0 });
  });

  it("a request in flight when the page dies is sent again after its lease (at least once; the endpoint de-duplicates by id)", async () => {
    const storage = memoryStorage();
    const net = fakeNetwork();
    const first = beacon(net, storage);
    net.fetch = (() => new Promise(() => {})) as unknown as typeof fetch; // never answers
    first.env.fetch = net.fetch;
    first.beacon.send(event({ id: "f1" }));
    await first.clock.advance(1000);
    first.beacon.stop();

    const again = fakeNetwork();
    const second = beacon(again, storage, {}, first.clock.now()); // the next page, a moment later
    second.beacon.start();
    await second.clock.advance(0);
    expect(again.ids()).toEqual([]); // another tab may still be sending it
    await second.clock.advance(LEASE_MS);
    expect(again.ids()).toEqual(["f1"]);
  });

  it("pagehide releases the request under way (its answer will not be read): the next page sends it at once, and no request starts after pagehide", async () => {
    const storage = memoryStorage();
    const net = fakeNetwork();
    const first = beacon(net, storage);
    let fetches = 0;
    first.env.fetch = (() => (fetches++, new Promise(() => {}))) as unknown as typeof fetch; // never answers
    first.beacon.send(event({ id: "g1" }));
    await first.clock.advance(1000);
    expect(fetches).toBe(1);
    first.win.dispatchEvent(new Event("pagehide"));
    first.beacon.send(event({ id: "g2" })); // recorded during unload
    await first.clock.advance(60_000);
    expect(fetches).toBe(1); // nothing new after pagehide
    first.beacon.stop();

    const second = beacon(net, storage, {}, first.clock.now());
    second.beacon.start();
    await second.clock.advance(0);
    expect(net.requests.filter((r) => r.via === "fetch").flatMap((r) => r.body.events.map((e) => e.id))).toEqual(["g1", "g2"]);
    expect(second.beacon.stats().queued).toBe(0);
  });

  it("a 4xx answer is not retried (and reported); 408 and 429 are", async () => {
    const { beacon: b, clock, net, problems } = beacon();
    net.respond = () => 400;
    b.send(event({ id: "bad" }));
    await clock.advance(60_000);
    expect(net.ids()).toEqual(["bad"]);
    expect(b.stats()).toMatchObject({ rejected: 1, queued: 0 });
    expect(problems.join()).toContain("HTTP 400");

    const answers = [429, 200];
    net.respond = () => answers.shift()!;
    b.send(event({ id: "busy" }));
    await clock.advance(60_000);
    expect(net.ids()).toEqual(["bad", "busy", "busy"]);
  });

  it("a full queue drops the oldest, counts them, and tells the endpoint in the next batch", async () => {
    const { beacon: b, clock, net, problems } = beacon(fakeNetwork(), memoryStorage(), { maxQueue: 3, batchSize: 10 });
    net.online = false;
    for (let i = 0; i < 5; i++) b.send(event({ id: `q${i}` }));
    expect(b.stats()).toMatchObject({ queued: 3, dropped: 2 });
    expect(problems.join()).toContain("queue is full");
    net.online = true;
    await clock.advance(1000);
    expect(net.requests[0].body).toMatchObject({ dropped: 2 });
    expect(net.ids()).toEqual(["q2", "q3", "q4"]);
    expect(b.stats().dropped).toBe(0);
  });

  it("without consent nothing is sent; forget() empties the queue and ignores answers to earlier requests", async () => {
    const { beacon: b, clock, net, storage, withdraw } = beacon();
    withdraw();
    b.send(event({ id: "c1" }));
    await clock.advance(60_000);
    expect(net.requests).toEqual([]);
    b.forget();
    expect(storage.getItem("nudge:outbox:/collect")).toBeNull();
  });
});
