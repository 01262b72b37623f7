/**
 * Unique coupon codes and the server-drawn wheel over HTTP: a real collector (node:http on
 * 127.0.0.1) on a real DuckDB file, the codes imported with `nudge coupons import`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { CODE_ALPHABET, checkCharacter } from "../../src/collector/coupons/check-character.js";
import { codeFitsPattern, generateCode, patternProblem } from "../../src/collector/coupons/code-pattern.js";
import { DEFAULT_OFFERS, parseOffers, type Offers } from "../../src/collector/coupons/offers.js";
import { seededRandom } from "../../src/collector/coupons/random.js";
import { createDuckDBStore } from "../../src/collector/duckdb-store.js";
import { createCollector, type Collector } from "../../src/collector/server.js";
import { createDuckDbState } from "../../src/collector/state/duckdb-state.js";
import type { StateStore } from "../../src/collector/state/state-store.js";
import { measured } from "./store-suite.js";

const folder = mkdtempSync(join(tmpdir(), "nudge-coupons-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 11, 6, 9);

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let files = 0;
function csv(text: string): string {
  const file = join(folder, `codes-${++files}.csv`);
  writeFileSync(file, text);
  return file;
}

let collector: Collector | undefined;
let state: StateStore;
let url: string;
let clock = NOW;

/** A collector on a fresh DuckDB file, with `codes` imported into pool WELCOME first (through the CLI). */
async function start(offers: Partial<Offers> = {}, codes: string[] = ["W-1", "W-2", "W-3"], seed = "coupons") {
  const db = join(folder, `state-${++files}.duckdb`);
  if (codes.length) expect((await cli("coupons", "import", "WELCOME", csv(`code\n${codes.join("\n")}\n`), "--db", db)).code).toBe(0);
  const store = await createDuckDBStore({ path: db });
  state = await createDuckDbState(store.instance);
  clock = NOW;
  collector = createCollector({
    store,
    now: () => clock,
    origins: ["https://shop.example"],
    leads: { state },
    coupons: { state: state.coupons, offers: { ...DEFAULT_OFFERS, perIp: { count: 1000, windowMs: 3_600_000 }, ...offers }, random: seededRandom(seed) },
  });
  url = await collector.listen(0);
}
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => undefined), headers: response.headers };
}
const claim = (visitor: string, widget = "welcome", pool = "WELCOME") => post("/coupons/claim", { visitor, widget, pool });
const spin = (visitor: string, widget = "wheel", wheel = "SPRING") => post("/wheel/spin", { visitor, widget, wheel });

describe("the check character (Luhn mod 32)", () => {
  it("catches every single mistyped character and nearly every swap of neighbours", () => {
    const random = seededRandom("luhn");
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 300; n++) {
      const payload = Array.from({ length: 8 }, () => CODE_ALPHABET[Math.floor(random() * 32)]).join("");
      const code = payload + checkCharacter(payload);
      for (let i = 0; i < code.length; i++)
        for (const c of CODE_ALPHABET) {
          if (c === code[i]) continue;
          const typo = code.slice(0, i) + c + code.slice(i + 1);
          expect(checkCharacter(typo.slice(0, -1)) === typo.at(-1), `${typo} passes for ${code}`).toBe(false);
        }
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        swaps++;
        if (checkCharacter(swapped.slice(0, -1)) !== swapped.at(-1)) caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it("patterns: codes fit their pattern, a typo does not, a weak pattern is refused", () => {
    const random = seededRandom("pattern");
    const code = generateCode("SPR-####-###*", random);
    expect(code).toMatch(/^SPR-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(codeFitsPattern("SPR-####-###*", code)).toBe(true);
    expect(codeFitsPattern("SPR-####-###*", ` ${code.toLowerCase()} `)).toBe(true);
    const typo = code.slice(0, 5) + (code[5] === "Q" ? "R" : "Q") + code.slice(6);
    expect(codeFitsPattern("SPR-####-###*", typo)).toBe(false);
    expect(patternProblem("SPR-###*")).toMatch(/at least 6 "#"/);
    expect(patternProblem("SPR-########")).toMatch(/exactly one "\*"/);
  });
});

describe("the offers file", () => {
  it("names each problem by its path", () => {
    const parsed = parseOffers({
      pools: { A: { pattern: "A-##*" } },
      wheels: {
        W: {
          segments: [
            { label: "10%", weight: 0 },
            { label: "x", weight: 1, pool: "NOPE" },
          ],
        },
      },
      limits: { perIp: { count: 1, window: "soon" } },
    });
    expect("problems" in parsed && parsed.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pools\.A\.pattern: pattern needs at least 6 "#"/),
        expect.stringMatching(/^wheels\.W\.segments\.0\.weight: /),
        expect.stringMatching(/^limits\.perIp\.window: a duration/),
      ]),
    );
    const pools = parseOffers({
      wheels: {
        W: {
          segments: [
            { label: "a", weight: 1 },
            { label: "b", weight: 1, pool: "NOPE" },
          ],
        },
      },
    });
    expect("problems" in pools && pools.problems).toEqual(['wheels.W.segments.1.pool: "NOPE" is not in "pools" (add it, with a pattern or for imported codes)']);
  });
});

describe("nudge coupons import / status", () => {
  it("imports a CSV's code column once, skips repeats, and counts the pools", async () => {
    const db = join(folder, "import.duckdb");
    const file = csv('\ufeffid,Code,note\n1,A-1,x\n2,"A-2",y\n3,,blank\n4,A-1,again\n');
    expect(await cli("coupons", "import", "SPRING", file, "--db", db)).toMatchObject({ code: 0, out: "SPRING: 2 code(s) added" });
    expect(await cli("coupons", "import", "SPRING", file, "--db", db)).toMatchObject({ code: 0, out: "SPRING: 0 code(s) added, 2 already stored (skipped)" });
    expect(await cli("coupons", "status", "--db", db)).toMatchObject({ code: 0, out: "SPRING: 2 code(s), 0 claimed, 0 used, 2 left" });
    expect(await cli("coupons", "import", "SPRING", csv("coupon\nX\n"), "--db", db)).toMatchObject({
      code: 1,
      err: expect.stringContaining('no "code" column in the header row (found: coupon)'),
    });
    expect(await cli("coupons", "import", "bad name!", file)).toMatchObject({ code: 2 });
    expect(await cli("coupons", "check", "SPR-2222-2222", "--pattern", "SPR-####-###*")).toMatchObject({ code: expect.any(Number) });
  });
});

describe("POST /coupons/claim", () => {
  it("gives two visitors different codes, the same visitor the same code again, and nothing once the pool is empty", async () => {
    await start();
    const a = await claim("v-a");
    const b = await claim("v-b");
    expect(a).toMatchObject({ status: 200, body: { code: expect.stringMatching(/^W-\d$/) } });
    expect(b.body.code).toMatch(/^W-\d$/);
    expect(b.body.code).not.toBe(a.body.code);
    expect((await claim("v-a")).body).toEqual(a.body); // a reload
    const other = await claim("v-a", "exit-popup"); // another widget: another code
    expect(other.body.code).not.toBe(a.body.code);
    expect(await claim("v-c")).toMatchObject({ status: 410, body: { error: "pool-empty" } });
    expect(await claim("v-c", "welcome", "NOPE")).toMatchObject({ status: 404, body: { error: "unknown-pool" } });
    expect(await post("/coupons/claim", { visitor: "v-a", widget: "welcome" })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^pool: expected/) } });
    expect(await state.coupons.pools()).toEqual([{ pool: "WELCOME", total: 3, claimed: 3, used: 0 }]);
  });

  it("a purchase with the code (a converted event with `coupon`) marks it used once; it is never handed out again", async () => {
    await start();
    const { code } = (await claim("v-a")).body;
    const batch = { events: [measured({ name: "converted", visitor: "v-a", time: NOW - 1000, goal: "purchase", order: "o-1", value: 30, coupon: code })] };
    const sent = await post("/collect", batch);
    expect(sent).toMatchObject({ status: 200, body: { stored: 1 } });
    expect(await claim("v-a")).toMatchObject({ status: 410, body: { error: "used" } });
    expect((await post("/collect", batch)).status).toBe(200); // the beacon's retry: still used once
    expect(await state.coupons.redeem(code, "v-a", NOW)).toBe(false);
    expect(await state.coupons.pools()).toEqual([{ pool: "WELCOME", total: 3, claimed: 1, used: 1 }]);
    // The other visitors get the other codes, never this one.
    const rest = [(await claim("v-b")).body.code, (await claim("v-c")).body.code];
    expect(rest).not.toContain(code);
    expect(await claim("v-d")).toMatchObject({ status: 410, body: { error: "pool-empty" } });
  });

  it("limits an IP address: a second visitor id from it within the window gets nothing more", async () => {
    await start({ perIp: { count: 1, windowMs: 3_600_000 } });
    const first = await claim("v-a");
    expect(first.status).toBe(200);
    expect(await claim("v-private-window")).toMatchObject({ status: 429, body: { error: "rate-limited" } });
    expect((await claim("v-a")).body).toEqual(first.body); // the first visitor's reload still shows their code
    clock += 3_600_000; // the next window
    expect((await claim("v-private-window")).status).toBe(200);
    expect(await state.coupons.pools()).toEqual([{ pool: "WELCOME", total: 3, claimed: 2, used: 0 }]);
  });

  it("limits the requests of one visitor id", async () => {
    await start({ perVisitor: { count: 3, windowMs: 600_000 } });
    for (let i = 0; i < 3; i++) expect((await claim("v-a")).status).toBe(200);
    expect(await claim("v-a")).toMatchObject({ status: 429, body: { error: "rate-limited" } });
  });

  it("makes codes from a pattern with a check character, up to its limit", async () => {
    await start({ pools: { GEN: { pattern: "GEN-######*", limit: 2 } } }, []);
    const codes = [(await claim("v-a", "w", "GEN")).body.code, (await claim("v-b", "w", "GEN")).body.code];
    for (const code of codes) expect(codeFitsPattern("GEN-######*", code)).toBe(true);
    expect(new Set(codes).size).toBe(2);
    expect(await claim("v-c", "w", "GEN")).toMatchObject({ status: 410, body: { error: "pool-empty" } });
  });

  it("answers a browser's preflight and its claim with CORS headers, and refuses other origins", async () => {
    await start();
    const preflight = await fetch(`${url}/coupons/claim`, { method: "OPTIONS", headers: { origin: "https://shop.example", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const ok = await post("/coupons/claim", { visitor: "v-a", widget: "w", pool: "WELCOME" }, { origin: "https://shop.example" });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const refused = await fetch(`${url}/coupons/claim`, { method: "POST", headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: "{}" });
    expect(refused.status).toBe(403);
  });
});

describe("the wheel, drawn on the server", () => {
  const wheels = {
    SPRING: {
      segments: [
        { label: "20% off", weight: 5, pool: "BIG" },
        { label: "10% off", weight: 20, pool: "SMALL" },
        { label: "Free delivery", weight: 25, pool: "SHIP" },
        { label: "No luck", weight: 50 },
      ],
    },
  };
  const pools = { BIG: { pattern: "BIG-######*" }, SMALL: { pattern: "SML-######*" }, SHIP: { pattern: "SHP-######*" } };

  it("shows the labels, never the odds; a spin is idempotent and its prize has a code", async () => {
    await start({ wheels, pools }, []);
    const segments = await post("/wheel/segments", { visitor: "v-a", widget: "wheel", wheel: "SPRING" });
    expect(segments.body).toEqual({ segments: wheels.SPRING.segments.map((s) => ({ label: s.label })) });
    expect(JSON.stringify(segments.body)).not.toMatch(/weight|pool|BIG/);
    let won: { segment: number; label: string; code?: string } | undefined;
    for (let i = 0; !won?.code; i++) won = (await spin(`v-${i}`)).body;
    expect(won).toMatchObject({ segment: expect.any(Number), label: wheels.SPRING.segments[won.segment].label, code: expect.stringMatching(/^(BIG|SML|SHP)-/) });
    const again = await spin("v-a");
    expect((await spin("v-a")).body).toEqual(again.body);
    expect((await post("/wheel/segments", { visitor: "v-a", widget: "wheel", wheel: "SPRING" })).body.result).toEqual(again.body);
    expect(await spin("v-a", "wheel", "NOPE")).toMatchObject({ status: 404, body: { error: "unknown-wheel" } });
  });

  it("draws among the other segments once a prize's pool is empty", async () => {
    await start(
      {
        wheels: {
          ONE: {
            segments: [
              { label: "Prize", weight: 99, pool: "WELCOME" },
              { label: "No luck", weight: 1 },
            ],
          },
        },
        pools: { WELCOME: {} },
      },
      ["ONLY-1"],
    );
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await spin(`v-${i}`, "wheel", "ONE")).body);
    expect(results.filter((r) => r.code === "ONLY-1")).toHaveLength(1);
    expect(results.filter((r) => r.label === "No luck").length).toBeGreaterThanOrEqual(4);
  });
});
