/// <reference types="node" />
/**
 * Reads the shop's export for `nudge customers import`: an orders file (one row per order) or a
 * customers file (one row per customer, for birthdays), told apart by the header. Columns, in any
 * order, names case-insensitive (docs/customer-card.md):
 *
 *   orders:    customer_id, order_id, date, total  (required)
 *              currency, items, categories, coupon, birthday, email  (optional; items and
 *              categories are ids separated by "|")
 *   customers: customer_id, birthday  (email optional)
 *
 * Every refused row is named by its line; the good rows are still imported.
 */
import { parse } from "csv-parse/sync";
import { birthdayParts } from "../../profile/customer-card.js";
import type { ImportedOrder } from "./build-card.js";

export interface ParsedExport {
  kind: "orders" | "customers";
  orders: ImportedOrder[];
  /** customer id → birthday ("YYYY-MM-DD" or "MM-DD"), from either file. */
  birthdays: Map<string, string>;
  /** Rows left out, each with its line number in the file. */
  problems: string[];
}

const ORDER_COLUMNS = ["customer_id", "order_id", "date", "total"] as const;
const LIST = /\s*\|\s*/;

/** Parses the CSV text; throws only when the file as a whole cannot be read (no header, wrong columns). */
export function parseExport(text: string, file = "the file"): ParsedExport {
  const rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  const [header, ...body] = rows;
  if (!header) throw new Error(`${file}: empty; expected a header row (customer_id,order_id,date,total,…)`);
  const names = header.map((name) => name.toLowerCase().replace(/[\s-]+/g, "_"));
  const at = (name: string) => names.indexOf(name);
  if (at("customer_id") < 0) throw new Error(`${file}: no customer_id column (the header has ${names.join(", ")})`);
  const kind = at("order_id") >= 0 ? "orders" : "customers";
  if (kind === "orders") {
    const missing = ORDER_COLUMNS.filter((name) => at(name) < 0);
    if (missing.length) throw new Error(`${file}: an orders export needs the columns ${ORDER_COLUMNS.join(", ")}; missing ${missing.join(", ")}`);
  } else if (at("birthday") < 0) throw new Error(`${file}: has no order_id column (an orders export) and no birthday column (a customers file)`);
  const result: ParsedExport = { kind, orders: [], birthdays: new Map(), problems: [] };
  body.forEach((row, index) => {
    const line = index + 2;
    const cell = (name: string) => (at(name) >= 0 ? (row[at(name)] ?? "") : "");
    const problem = (message: string) => result.problems.push(`line ${line}: ${message}`);
    const customer = cell("customer_id");
    if (!customer) return problem("customer_id is empty");
    const birthday = cell("birthday");
    if (birthday) {
      if (birthdayParts(birthday)) result.birthdays.set(customer, birthday);
      else problem(`birthday ${JSON.stringify(birthday)} is not YYYY-MM-DD or MM-DD (the row is kept without it)`);
    }
    if (kind === "customers") return;
    const order = cell("order_id");
    const time = Date.parse(cell("date"));
    const total = Number(cell("total"));
    if (!order) return problem("order_id is empty");
    if (!Number.isFinite(time)) return problem(`date ${JSON.stringify(cell("date"))} is not a date (YYYY-MM-DD or ISO 8601 date and time)`);
    if (!cell("total") || !Number.isFinite(total)) return problem(`total ${JSON.stringify(cell("total"))} is not a number (a dot for decimals, no currency sign)`);
    const list = (name: string) => cell(name).split(LIST).filter(Boolean);
    const currency = cell("currency").toUpperCase();
    const coupon = cell("coupon");
    result.orders.push({
      customer,
      order,
      time,
      total: Math.round(total * 100) / 100,
      items: list("items"),
      categories: list("categories"),
      ...(currency ? { currency } : {}),
      ...(coupon ? { coupon } : {}),
    });
  });
  return result;
}
