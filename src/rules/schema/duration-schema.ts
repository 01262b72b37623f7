import * as z from "zod/mini";
import { DURATION_PATTERN } from "../duration.js";

/** A duration in the rules file: seconds as a number, or "30s", "15m", "2h", "7d"… */
export function duration() {
  return z.union([z.number().check(z.nonnegative()), z.string().check(z.regex(DURATION_PATTERN, 'a duration such as "30s", "15m", "2h" or "7d"'))]);
}
