// Four `nudge collect` processes (the built CLI) share one PostgreSQL for coupon claims: 200
// concurrent claims against a pool of 100 hand out each code at most once, and the other 100
// visitors get nothing. The same visitor claiming through all four at once gets one code.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const CLI = "bin/nudge.mjs";
const database = `coupons_${process.pid}`;
const folder = mkdtempSync(join(tmpdir(), "nudge-coupons-scale-"));
let postgres: string;
const collectors: { child: ChildProcess; url: string }[] = [];

function startCollector(index: number): Promise<{ child: ChildProcess; url: string }> {
  const args = [CLI, "collect", "--port", "0", "--db", join(folder, `events-${index}.duckdb`), "--postgres", postgres, "--offers", join(folder, "offers.json")];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(String(chunk));
      const found = /POST (http:\/\/[\d.:]+)\/coupons\/claim/.exec(output.join(""));
      if (found) resolve({ child, url: found[1] });
    });
    child.stderr!.on("data", (chunk) => output.push(String(chunk)));
    child.on("exit", (code) => reject(new Error(`nudge collect exited with ${code}:\n${output.join("")}`)));
  });
}

beforeAll(async () => {
  if (!existsSync("dist/esm/cli.js")) throw new Error("run npm run build first: this test starts the built CLI");
  const admin = new pg.Client({ connectionString: inject("postgresUrl") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  postgres = inject("postgresUrl").replace(/\/postgres$/, `/${database}`);
  const codes = Array.from({ length: 100 }, (_, i) => `SCALE-${String(i).padStart(3, "0")}`);
  writeFileSync(join(folder, "codes.csv"), `code\n${codes.join("\n")}\n`);
  writeFileSync(join(folder, "race.csv"), `code\n${Array.from({ length: 10 }, (_, i) => `RACE-${i}`).join("\n")}\n`);
  writeFileSync(join(folder, "offers.json"), JSON.stringify({ limits: { perIp: { count: 100_000, window: "1h" } } }));
  for (const [pool, file, count] of [
    ["SCALE", "codes.csv", 100],
    ["RACE", "race.csv", 10],
  ] as const) {
    const imported = spawnSync(process.execPath, [CLI, "coupons", "import", pool, join(folder, file), "--postgres", postgres], { encoding: "utf8" });
    expect(imported.stdout).toContain(`${pool}: ${count} code(s) added`);
  }
  collectors.push(...(await Promise.all([0, 1, 2, 3].map(startCollector))));
});

afterAll(async () => {
  await Promise.all(
    collectors.map(({ child }) => {
      if (child.exitCode !== null) return undefined;
      const exited = new Promise((done) => child.on("exit", done));
      child.kill("SIGTERM");
      return exited;
    }),
  );
  rmSync(folder, { recursive: true, force: true });
});

const claim = (url: string, visitor: string, pool = "SCALE") =>
  fetch(`${url}/coupons/claim`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ visitor, widget: "welcome", pool }) }).then(async (r) => ({
    status: r.status,
    ...((await r.json()) as { code?: string; error?: string }),
  }));

describe("coupon claims across four collectors on PostgreSQL", () => {
  it("200 concurrent claims against 100 codes: each code once, the other 100 get pool-empty", async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => claim(collectors[i % 4].url, `visitor-${i}`)));
    const given = answers.filter((a) => a.status === 200).map((a) => a.code!);
    expect(given).toHaveLength(100);
    expect(new Set(given).size).toBe(100);
    expect(answers.filter((a) => a.status === 410 && a.error === "pool-empty")).toHaveLength(100);
    const client = new pg.Client({ connectionString: postgres });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS claims, count(DISTINCT code)::int AS codes FROM nudge_coupon_claims");
    await client.end();
    expect(rows[0]).toEqual({ claims: 100, codes: 100 });
    // A visitor who got one gets the same again from any collector.
    const winner = answers.findIndex((a) => a.status === 200);
    const again = await Promise.all(collectors.map((c) => claim(c.url, `visitor-${winner}`)));
    for (const a of again) expect(a).toEqual({ status: 200, code: answers[winner].code });
  });

  it("one new visitor claiming through all four at once (a reload racing the first load) gets one code", async () => {
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(collectors.map((c) => claim(c.url, `racer-${round}`, "RACE")));
      expect(
        answers.every((a) => a.status === 200 && a.code === answers[0].code),
        JSON.stringify(answers),
      ).toBe(true);
    }
    const status = spawnSync(process.execPath, [CLI, "coupons", "status", "--postgres", postgres], { encoding: "utf8" });
    expect(status.stdout).toContain("RACE: 10 code(s), 5 claimed, 0 used, 5 left");
  });
});
