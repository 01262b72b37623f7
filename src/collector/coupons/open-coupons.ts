/// <reference types="node" />
/**
 * The coupon options of `nudge collect`: the offers file (`--offers`, read and checked at start) and
 * the randomness (`--seed` for tests). The codes live in the collector's state (the DuckDB file, or
 * PostgreSQL with `--postgres`), the same as leads.
 */
import { readFile } from "node:fs/promises";
import type { StateStore } from "../state/state-store.js";
import { DEFAULT_OFFERS, parseOffers, type Offers } from "./offers.js";
import { cryptoRandom, seededRandom } from "./random.js";
import type { CouponsOptions } from "./receive-claim.js";

/** Reads and checks an offers file; throws an Error whose message names the file and each problem's path. */
export async function readOffers(file: string): Promise<Offers> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`--offers ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`--offers ${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseOffers(json);
  if ("problems" in parsed) throw new Error(`--offers ${file}:\n${parsed.problems.map((p) => `  ${p}`).join("\n")}`);
  return parsed.offers;
}

/** The coupon routes' options over an open state store. */
export async function openCoupons(state: StateStore, choice: { offers?: string; seed?: string }): Promise<CouponsOptions> {
  return {
    state: state.coupons,
    offers: choice.offers ? await readOffers(choice.offers) : DEFAULT_OFFERS,
    random: choice.seed === undefined ? cryptoRandom : seededRandom(choice.seed),
  };
}
