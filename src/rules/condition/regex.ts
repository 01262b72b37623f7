/** Compiles a `$regex` pattern (`$regexi`: flags "i"), or returns the engine's error message when it is invalid. */
export function parseRegex(pattern: string, flags?: string): RegExp | string {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The most characters of a value a `$regex` sees: the rest of a longer text is ignored, so a
 * crafted long URL cannot make a pattern run long (`regexHazard` refuses the patterns that would).
 */
export const REGEX_SUBJECT_LIMIT = 2000;

/** Tests a value the way `RegExp#test` does (stringifying it), on its first `REGEX_SUBJECT_LIMIT` characters; a value that cannot be stringified fails. */
export function matchesRegex(regex: RegExp, value: unknown): boolean {
  try {
    return regex.test(`${value}`.slice(0, REGEX_SUBJECT_LIMIT));
  } catch {
    return false;
  }
}
