import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDuckDBStore } from "../../src/collector/duckdb-store.js";
import { describeStore, measured, stored } from "./store-suite.js";

describeStore("DuckDB in memory", () => createDuckDBStore());

const folder = mkdtempSync(join(tmpdir(), "nudge-duckdb-"));
let files = 0;
describeStore("DuckDB file", () => createDuckDBStore({ path: join(folder, `events-${++files}.duckdb`) }));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("DuckDB file store", () => {
  it("keeps events and counters across a restart, and still drops replays after it", async () => {
    const path = join(folder, "restart.duckdb");
    const batch = [measured(), measured()].map((e) => stored(e));
    const first = await createDuckDBStore({ path });
    await first.insertEvents(batch);
    await first.addCounts({ rejected: 1 });
    await first.close();
    const second = await createDuckDBStore({ path });
    expect(await second.insertEvents(batch)).toEqual({ inserted: 0, duplicates: 2 });
    expect(await second.health()).toMatchObject({ ok: true, events: 2, counts: { rejected: 1, duplicates: 2 } });
    await second.close();
  });
});
