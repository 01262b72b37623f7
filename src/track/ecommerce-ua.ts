/**
 * Universal Analytics "Enhanced Ecommerce" objects, the format Yandex Metrica reads, as Nudge
 * commands: `{ ecommerce: { currencyCode, detail | add | remove | checkout | purchase: { actionField?, products } } }`.
 * Tilda, InSales, 1C-Bitrix and Metrica plugins push them. Loaded by `watchDataLayer` (its own
 * chunk) only once the page's dataLayer holds one.
 */
import { isObject, type Command } from "./layer-entry.js";

interface Line {
  id: string;
  name?: string;
  price: number;
  quantity: number;
  category?: string;
}

/** A number from a number or a platform's string ("1290", "1 290,50"); NaN when there is none. */
function amount(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || !value.trim()) return NaN;
  return Number(value.replace(/[\s\u00a0]/g, "").replace(",", "."));
}

/** A product: Metrica needs `id` or `name`, so a product with only a name is keyed by it. */
function line(raw: Record<string, unknown>): Line | undefined {
  const key = raw.id ?? raw.name;
  const id = typeof key === "number" && Number.isFinite(key) ? String(key) : typeof key === "string" ? key.trim() : "";
  if (!id) return undefined;
  const price = amount(raw.price);
  const quantity = amount(raw.quantity);
  return {
    id,
    ...(typeof raw.name === "string" && raw.name ? { name: raw.name } : {}),
    // biome-ignore lint/complexity/useMathMinMax: Math.max(NaN, 0) is NaN; the comparison turns NaN into 0
    price: price >= 0 ? price : 0, // NaN fails the test too
    quantity: Number.isInteger(quantity) && quantity > 0 ? quantity : 1,
    ...(typeof raw.category === "string" && raw.category ? { category: raw.category } : {}),
  };
}

const products = (action: Record<string, unknown>) => (Array.isArray(action.products) ? action.products : []).filter(isObject);

function lines(action: Record<string, unknown>): Line[] {
  return products(action)
    .map(line)
    .filter((l) => l !== undefined);
}

const total = (items: Line[]) => Math.round(items.reduce((sum, l) => sum + l.price * l.quantity, 0) * 100) / 100;

/**
 * The Nudge commands for one Enhanced Ecommerce object; empty for anything else.
 *
 * @example
 * uaToCommands({ ecommerce: { currencyCode: "RUB", add: { products: [{ id: "42", price: "990", quantity: 2 }] } } });
 * // [["cart.add", { id: "42", price: 990, quantity: 2 }]]
 */
export function uaToCommands(entry: unknown): Command[] {
  const ecommerce = isObject(entry) && entry.ecommerce;
  if (!isObject(ecommerce)) return [];
  const currency = typeof ecommerce.currencyCode === "string" ? ecommerce.currencyCode : undefined;
  const commands: Command[] = [];
  const { detail, add, remove, checkout, purchase } = ecommerce;
  if (isObject(detail)) {
    const [first] = lines(detail);
    if (first) commands.push(["track", "view_item", { id: first.id, name: first.name, price: first.price, category: first.category }]);
  }
  if (isObject(add)) for (const item of lines(add)) commands.push(["cart.add", item]);
  if (isObject(remove)) {
    for (const raw of products(remove)) {
      const item = line(raw);
      // A quantity takes that many off the line (a basket's "−" button); without one the whole line goes.
      if (item) commands.push(raw.quantity === undefined ? ["cart.remove", item.id] : ["cart.remove", item.id, item.quantity]);
    }
  }
  if (isObject(checkout)) {
    const step = isObject(checkout.actionField) ? amount(checkout.actionField.step) : NaN;
    // Later steps of the same checkout are not a new one.
    if (!(step > 1)) commands.push(["track", "begin_checkout", { value: total(lines(checkout)) }]);
  }
  if (isObject(purchase)) {
    const field = isObject(purchase.actionField) ? purchase.actionField : {};
    const id = typeof field.id === "number" ? String(field.id) : typeof field.id === "string" ? field.id.trim() : "";
    const items = lines(purchase);
    const revenue = amount(field.revenue);
    if (id) {
      const coupon = typeof field.coupon === "string" && field.coupon ? field.coupon : undefined;
      commands.push(["purchase", { id, value: revenue >= 0 ? revenue : total(items), currency, coupon, items }], ["cart.clear"]);
    }
  }
  return commands;
}

/** The name `watchDataLayer` loads the mapping by. */
export { uaToCommands as toCommands };
