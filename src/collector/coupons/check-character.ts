/**
 * The check character of a generated coupon code: Luhn mod N over the code alphabet (N = 32).
 * The alphabet leaves out 0, 1, I and O, which people misread. Like the card-number Luhn check,
 * it catches every single mistyped character and almost every swap of two neighbouring
 * characters, so a shop can refuse a mistyped code before looking it up.
 */

/** The characters of generated codes (32 of them: 0, 1, I, O left out). */
export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const N = CODE_ALPHABET.length;

/**
 * The check character for `payload` (characters of CODE_ALPHABET); undefined when a character is
 * not in the alphabet. From the right, every second character's value is doubled, and the digits
 * of the doubled value in base N are added; the check makes the total a multiple of N.
 *
 * @example
 * checkCharacter("7KQ2"); // one character of CODE_ALPHABET
 */
export function checkCharacter(payload: string): string | undefined {
  let sum = 0;
  let double = true; // the check character will sit to the right of the payload
  for (let i = payload.length - 1; i >= 0; i--) {
    let value = CODE_ALPHABET.indexOf(payload[i]);
    if (value < 0) return undefined;
    if (double) {
      value *= 2;
      value = Math.floor(value / N) + (value % N);
    }
    sum += value;
    double = !double;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N];
}

/** Whether `payload` followed by `check` passes the Luhn mod N check. */
export function checkPasses(payload: string, check: string): boolean {
  return checkCharacter(payload) === check;
}
