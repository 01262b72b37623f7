/**
 * Coupon codes generated from a pattern: `#` is a random character of CODE_ALPHABET, `*` the check
 * character over the `#` characters (Luhn mod N, see check-character.ts), anything else is written
 * as it is. `SPRING-####-###*` gives codes such as `SPRING-7KQ2-MX9D`.
 */
import { CODE_ALPHABET, checkCharacter } from "./check-character.js";
import type { Random } from "./random.js";

/** Why a pattern cannot make codes, or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  const random = [...pattern].filter((c) => c === "#").length;
  const checks = [...pattern].filter((c) => c === "*").length;
  if (checks !== 1) return `needs exactly one "*" (the check character), found ${checks}`;
  if (random < 6) return `needs at least 6 "#" (random characters; 32^6 is about a billion codes, hard to guess), found ${random}`;
  return undefined;
}

/** A new code from the pattern. */
export function generateCode(pattern: string, random: Random): string {
  const drawn: string[] = [];
  const chars = [...pattern].map((c) => {
    if (c !== "#") return c;
    const pick = CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
    drawn.push(pick);
    return pick;
  });
  const check = checkCharacter(drawn.join(""))!;
  return chars.map((c) => (c === "*" ? check : c)).join("");
}

/**
 * Whether `code` could come from the pattern: the literal parts match, every random character is
 * of the alphabet and the check character fits. Case and surrounding spaces are forgiven.
 *
 * @example
 * codeFitsPattern("SPRING-####-###*", "spring-7kq2-mx9d"); // true or false: the check decides
 */
export function codeFitsPattern(pattern: string, code: string): boolean {
  const typed = code.trim().toUpperCase();
  if (typed.length !== pattern.length) return false;
  const drawn: string[] = [];
  let check = "";
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    const c = typed[i];
    if (p === "#") {
      if (!CODE_ALPHABET.includes(c)) return false;
      drawn.push(c);
    } else if (p === "*") check = c;
    else if (p.toUpperCase() !== c) return false;
  }
  return checkCharacter(drawn.join("")) === check;
}
