import * as z from "zod/mini";
import { isSafeUrl } from "./safe-url.js";

/** A URL that is http(s), protocol-relative-free and never `javascript:` or `data:`. */
export function safeUrl() {
  return z.string().check(z.refine(isSafeUrl, "must be an http(s) or relative URL"));
}
