/// <reference types="node" />
/**
 * `nudge coupons import <POOL> <codes.csv>` adds a pool's codes (a CSV with a `code` column) to the
 * collector's state; `nudge coupons status` prints each pool's codes: total, claimed, used, left;
 * `nudge coupons check <code> --pattern <pattern>` says whether a typed code passes its check character.
 * Both read `--db <file.duckdb>` (default ./nudge-events.duckdb) or `--postgres <url>`.
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { StateStore } from "../state/state-store.js";
import { codeFitsPattern, patternProblem } from "./code-pattern.js";
import { option, stateChoice } from "../state/state-choice.js";

const DEFAULT_DB = "./nudge-events.duckdb";
const USAGE = `Usage: nudge coupons import <POOL> <codes.csv> [--db <file.duckdb> | --postgres <url>]
       nudge coupons status [--db <file.duckdb> | --postgres <url>]
       nudge coupons check <code> --pattern <pattern>`;

/** The codes of a CSV file: its `code` column (a header row is required), trimmed, blanks left out. */
export function codesFromCsv(text: string): { codes: string[] } | { problem: string } {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { problem: (error as Error).message };
  }
  if (rows.length && !("code" in rows[0])) return { problem: `no "code" column in the header row (found: ${Object.keys(rows[0]).join(", ")})` };
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const code = row.code ?? "";
    if (!code) continue;
    if (code.length > 64) return { problem: `line ${i + 2}: the code is longer than 64 characters` };
    if (!seen.has(code)) codes.push(code);
    seen.add(code);
  }
  return { codes };
}

export async function couponsCommand(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const [action, ...rest] = args;
  if (action === "check") {
    const pattern = option(rest, "--pattern");
    const code = rest[0];
    if (!code || code.startsWith("--") || !pattern || patternProblem(pattern)) {
      err(pattern && patternProblem(pattern) ? `--pattern: ${patternProblem(pattern)}` : USAGE);
      return 2;
    }
    const fits = codeFitsPattern(pattern, code);
    out(fits ? `${code}: fits ${pattern}` : `${code}: does not fit ${pattern} (mistyped, or not one of its codes)`);
    return fits ? 0 : 1;
  }
  if (action !== "import" && action !== "status") {
    err(USAGE);
    return 2;
  }
  const [pool, file] = action === "import" ? rest : [];
  if (action === "import" && (!pool || !file || !/^[A-Za-z0-9_-]{1,64}$/.test(pool))) {
    err(pool && !/^[A-Za-z0-9_-]{1,64}$/.test(pool) ? `pool name "${pool}": use letters, digits, _ and - (at most 64)` : USAGE);
    return 2;
  }
  const choice = stateChoice(rest);
  if (choice.problem !== undefined) {
    err(choice.problem);
    return 2;
  }
  const { db, postgres } = choice;
  let codes: string[] = [];
  if (action === "import") {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      err(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return 1;
    }
    const read = codesFromCsv(text);
    if ("problem" in read) {
      err(`${file}: ${read.problem}`);
      return 1;
    }
    codes = read.codes;
  }
  let state: StateStore;
  try {
    if (postgres) state = await (await import("../state/postgres-state.js")).createPostgresState(postgres, { max: 1 });
    else state = await (await import("../state/duckdb-state.js")).createDuckDbState(db ?? DEFAULT_DB);
  } catch (error) {
    err(`nudge coupons: cannot open ${postgres ? "PostgreSQL" : (db ?? DEFAULT_DB)}: ${(error as Error).message}`);
    return 1;
  }
  try {
    if (action === "import") {
      const { added, skipped } = await state.coupons.importCodes(pool, codes, Date.now());
      out(`${pool}: ${added} code(s) added${skipped ? `, ${skipped} already stored (skipped)` : ""}`);
    } else {
      const pools = await state.coupons.pools();
      if (!pools.length) out("no coupon codes stored yet (nudge coupons import <POOL> <codes.csv>)");
      for (const p of pools) out(`${p.pool}: ${p.total} code(s), ${p.claimed} claimed, ${p.used} used, ${p.total - p.claimed} left`);
    }
    return 0;
  } catch (error) {
    err(`nudge coupons: ${(error as Error).message}`);
    return 1;
  } finally {
    await state.close();
  }
}
