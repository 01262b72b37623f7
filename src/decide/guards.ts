import { own } from "../env/own.js";
import type { Facts } from "../profile/facts.js";
import { parseDuration } from "../rules/duration.js";
import type { Settings } from "../rules/schema/rules-schema.js";

/** How long after buying an item its product page shows no discount widget, by default. */
export const DEFAULT_GUARD_WINDOW = "30d";

/** Widget types that are discounts whatever their content. */
const DISCOUNT_TYPES = ["countdown-coupon", "wheel"];

/** The coupon codes a widget's content offers: every `code` string, at any depth (a popup's coupon block, a wheel's prizes). */
export function offeredCodes(content: unknown, depth = 0): string[] {
  if (depth > 6 || typeof content !== "object" || content === null) return [];
  const codes: string[] = [];
  for (const [key, value] of Object.entries(content)) {
    if (key === "code" && typeof value === "string") codes.push(value);
    else codes.push(...offeredCodes(value, depth + 1));
  }
  return codes;
}

/**
 * A discount widget: a countdown coupon, a wheel, or any widget whose content offers a code
 * or takes one from a `coupon` source (unique codes from the collector).
 */
export function isDiscountWidget(type: string, content: Record<string, unknown>): boolean {
  return DISCOUNT_TYPES.includes(type) || offeredCodes(content).length > 0 || JSON.stringify(content).includes('"coupon":{');
}

/**
 * What `settings.guards` holds back for this customer (empty: nothing): a widget offering a code
 * the customer already used, and a discount widget on the product page of an item they bought
 * within the window. The product of a product page is the last one viewed (`viewItem()`).
 *
 * @example
 * guardBlocks(undefined, "countdown-coupon", { coupon: { code: "WELCOME10" } }, facts);
 * // ["settings.guards: this customer already used the code WELCOME10"]
 */
export function guardBlocks(guards: Settings["guards"], type: string, content: Record<string, unknown>, facts: Facts): string[] {
  const customer = facts.customer;
  if (guards === false || !customer) return [];
  const options = typeof guards === "object" ? guards : {};
  const blocks: string[] = [];
  if (options.usedCoupons !== false) {
    const used = new Set(customer.couponsUsed.map((code) => code.toUpperCase()));
    const again = offeredCodes(content).find((code) => used.has(code.toUpperCase()));
    if (again) blocks.push(`settings.guards: this customer already used the code ${again}`);
  }
  const window = options.boughtWithin === false ? undefined : (options.boughtWithin ?? DEFAULT_GUARD_WINDOW);
  const product = facts.page.type === "product" ? facts.viewed.last?.id : undefined;
  const bought = product === undefined ? undefined : own(customer.bought, product);
  if (window !== undefined && bought !== undefined && facts.time.now - bought <= (parseDuration(window) ?? 0) && isDiscountWidget(type, content)) {
    const days = Math.floor((facts.time.now - bought) / 86_400_000);
    blocks.push(`settings.guards: this customer bought ${product} ${days} day(s) ago (within ${window}): no discount widget on its product page`);
  }
  return blocks;
}
