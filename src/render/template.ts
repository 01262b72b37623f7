/*
 * Templates in widget content: "Hi {{attributes.firstName|friend}}" is filled
 * from the facts document when the widget shows, in this one place (the widget
 * host), never inside widgets. The result is plain text: widgets render it as
 * text, so a value can never become markup.
 *
 * After the path come formats and a fallback, split by "|": `{{cart.value | money}}` in the
 * rules' locale and currency, `{{orders.count | number}}`, `{{cart.count | plural: item, items}}`
 * (ru: `товар, товара, товаров`); the last part that is not a format is the fallback.
 */

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;
/** Keys that could reach an object's prototype chain: they never resolve. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Reads a dotted path through own properties only (`cart.items.0.name`);
 * undefined when any step is missing or is a prototype key.
 */
export function readPath(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split(".")) {
    if (FORBIDDEN.has(key) || typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A value as text: strings as they are, finite numbers plainly (`19.9`), booleans as words; anything else is missing. */
function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return String(value);
  return undefined;
}

const DEFAULT_FORMATS: FormatOptions = { locale: "", currency: "USD" };

/**
 * Fills every `{{path | format | fallback}}` in one string; a missing or empty value
 * gives the fallback (or nothing), never "undefined" or "null".
 *
 * @example
 * fillTemplate("Hi {{attributes.firstName|friend}}!", { attributes: {} }); // "Hi friend!"
 * fillTemplate("{{cart.value | money}}", { cart: { value: 1800 } }, { locale: "ru-RU", currency: "RUB" }); // "1 800 ₽"
 */
export function fillTemplate(text: string, facts: unknown, options: FormatOptions = DEFAULT_FORMATS): string {
  if (!text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (_match, path: string, rest: string | undefined) => {
    const parts = rest === undefined ? [] : rest.split("|");
    const format = parts.filter(isFormat).pop();
    const fallback = parts.filter((part) => !isFormat(part)).pop() ?? "";
    const value = readPath(facts, path);
    const text = format ? applyFormat(value, format, options) : asText(value);
    return text ?? fallback.trim();
  });
}

/** Fills the templates in every string of a widget's content (nested objects and arrays too); returns a new object. */
export function fillContent<T>(content: T, facts: unknown, options: FormatOptions = DEFAULT_FORMATS): T {
  if (typeof content === "string") return fillTemplate(content, facts, options) as T;
  if (Array.isArray(content)) return content.map((item) => fillContent(item, facts, options)) as T;
  if (typeof content === "object" && content !== null) {
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(content)) if (key !== "__proto__") filled[key] = fillContent(value, facts, options);
    return filled as T;
  }
  return content;
}

/**
 * One value in a format ("money", "number", "plural: item, items"), for widgets that show
 * numbers themselves (the popup's cart-items block); undefined when it is not a number.
 *
 * @example
 * formatValue(18, "money", { locale: "en-US", currency: "USD" }); // "$18.00"
 */
export function formatValue(value: unknown, format: string, options: FormatOptions): string | undefined {
  return applyFormat(value, format, options);
}

/** The format names a template may use (the validator warns about others: src/rules/lint/templates.ts). */
export const FORMATS = ["money", "number", "plural"] as const;

/** Where the rules' `settings.locale` and `settings.currency` reach a template. */
export interface FormatOptions {
  locale: string;
  currency: string;
}

/** Currencies shops show in whole units when the amount is whole ("1 800 ₽", not "1 800,00 ₽"). */
const WHOLE = ["RUB", "KZT", "UAH", "BYN", "JPY", "KRW"];
/** Plural categories in CLDR's order: the order in which a template lists its word forms. */
const CATEGORIES: Intl.LDMLPluralRule[] = ["zero", "one", "two", "few", "many", "other"];

/** True for `money`, `number` and `plural: …`: a format, not a fallback text. */
export function isFormat(part: string): boolean {
  return (FORMATS as readonly string[]).includes(part.split(":")[0].trim());
}

/** `value` formatted by `part` ("money", "plural: item, items"); undefined when `value` is not a finite number. */
export function applyFormat(value: unknown, part: string, options: FormatOptions): string | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) return undefined;
  const [name, args = ""] = part.split(/:(.*)/s, 2).map((s) => s.trim());
  if (name === "money") return money(number, options);
  const text = numberText(number, options.locale);
  if (name !== "plural") return text;
  const form = pluralForm(
    number,
    args.split(",").map((f) => f.trim()),
    options.locale,
  );
  return form.includes("#") ? form.replace("#", text) : `${text} ${form}`.trim();
}

function money(amount: number, { locale, currency }: FormatOptions): string {
  const whole = Number.isInteger(amount) && WHOLE.includes(currency);
  try {
    return new Intl.NumberFormat(locale || undefined, { style: "currency", currency, ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) }).format(amount);
  } catch {
    return `${numberText(amount, locale)} ${currency}`;
  }
}

function numberText(value: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale || undefined).format(value);
  } catch {
    return String(value);
  }
}

/** The word form for `count`: forms are listed in the locale's plural categories, CLDR order; missing ones take the last. */
function pluralForm(count: number, forms: string[], locale: string): string {
  try {
    const rules = new Intl.PluralRules(locale || undefined);
    const categories = CATEGORIES.filter((c) => rules.resolvedOptions().pluralCategories.includes(c));
    const index = categories.indexOf(rules.select(count));
    return forms[Math.min(index < 0 ? forms.length - 1 : index, forms.length - 1)] ?? "";
  } catch {
    return forms[forms.length - 1] ?? "";
  }
}
