/** Compiles a `$regex` pattern, or returns the engine's error message when it is invalid. */
export function parseRegex(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Tests a value the way `RegExp#test` does (stringifying it); a value that cannot be stringified fails. */
export function matchesRegex(regex: RegExp, value: unknown): boolean {
  try {
    return regex.test(value as string);
  } catch {
    return false;
  }
}
