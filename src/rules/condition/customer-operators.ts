import { parseDuration } from "../duration.js";
import { DAY_MS, readNow, todayNumber } from "./time.js";
import { compilePath, readOwn } from "./path.js";
import type { NestedCompilers } from "./operators.js";
import type { ValueTest } from "./types.js";

/*
 * The operators of the customer card (docs/customer-card.md):
 *
 * - `$daysUntil`: the value is a date, "YYYY-MM-DD" or "MM-DD"; the days from today (`time.date`)
 *   until it comes round again, yearly (the year is ignored: birthdays, anniversaries), 0 on the
 *   day, tested with a number or an operator object: `{"customer.birthday": {"$daysUntil": {"$lte": 7}}}`.
 *   A 29 February falls on 28 February in a year without one.
 * - `$boughtWithin`: the value is an item id; true when the customer bought it within the duration
 *   (`customer.bought`, the shop's card merged with this browser's orders):
 *   `{"viewed.last.id": {"$boughtWithin": "30d"}}` on a product page.
 */

const readBought = compilePath("customer.bought");
const YEARLY = /^(?:\d{4}-)?(\d{2})-(\d{2})$/;

/** Days from day number `today` (days since 1970-01-01) until month/day next comes round. */
export function daysUntilYearly(month: number, day: number, today: number): number {
  const year = new Date(today * DAY_MS).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const next = Date.UTC(y, month - 1, month === 2 && day === 29 && !leap ? 28 : day) / DAY_MS;
    if (next >= today) return next - today;
  }
  return 0; // not reached: next year's date is always ahead
}

/** Days until the yearly date `text` comes round, from the facts' today; undefined for anything not a date. */
export function daysUntilText(text: unknown, root: unknown): number | undefined {
  const match = typeof text === "string" ? YEARLY.exec(text) : null;
  const now = readNow(root);
  if (!match || now === undefined) return undefined;
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return daysUntilYearly(month, day, todayNumber(root, now));
}

export function compileCustomerOperator(operator: string, operand: unknown, nested: NestedCompilers): ValueTest {
  if (operator === "$daysUntil") {
    const count = nested.value(operand);
    return (value, root) => {
      const days = daysUntilText(value, root);
      return days !== undefined && count(days, root);
    };
  }
  const window = parseDuration(operand);
  return (value, root) => {
    const now = readNow(root);
    const time = typeof value === "string" || typeof value === "number" ? readOwn(readBought(root), String(value)) : undefined;
    return window !== undefined && now !== undefined && typeof time === "number" && now - time <= window;
  };
}
