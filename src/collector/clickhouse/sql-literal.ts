/**
 * Values spliced into ClickHouse SQL, each through one of these helpers and nowhere else.
 * ClickHouse 18.16 (Debian's) has no server-side query parameters (`{name:Type}` came in 19.x),
 * so a value that must appear in a query is validated (numbers, identifiers) or escaped (strings)
 * here. Rows themselves never go through SQL: they are inserted as JSONEachRow data.
 */

/**
 * A string literal: quoted, with backslash, quote and every control character escaped, so
 * nothing in the value can end the literal or the statement. Valid on 18.16 and current ClickHouse.
 *
 * @example
 * stringLiteral("it's") // 'it\'s'
 */
export function stringLiteral(value: string): string {
  if (typeof value !== "string") throw new TypeError(`expected a string for a ClickHouse literal, got ${typeof value}`);
  let out = "'";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return `${out}'`;
}

/**
 * A number literal: finite numbers only (NaN, Infinity and non-numbers throw), integers written without exponent.
 *
 * @example
 * numberLiteral(42) // "42"
 */
export function numberLiteral(value: number): string {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`expected a finite number for a ClickHouse literal, got ${String(value)}`);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) throw new TypeError(`expected an integer within ±2^53 for a ClickHouse literal, got ${value}`);
  return String(value);
}

/**
 * A database or table name: letters, digits and underscores, not starting with a digit, quoted
 * with backticks. Anything else throws: names come from options, never from requests.
 *
 * @example
 * identifier("nudge") // `nudge`
 */
export function identifier(name: string): string {
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw new TypeError(`not a ClickHouse name: ${JSON.stringify(name)} (letters, digits and _ only)`);
  return `\`${name}\``;
}

/** A list of string literals for `IN (…)`. */
export const stringList = (values: readonly string[]): string => `(${values.map(stringLiteral).join(", ")})`;
