/**
 * True for http(s) URLs and relative references; false for `javascript:`,
 * `data:`, `vbscript:` and every other scheme. Control characters and
 * whitespace that browsers strip before parsing are stripped here too.
 */
export function isSafeUrl(url: unknown): url is string {
  if (typeof url !== "string") return false;
  // Browsers ignore these when parsing a scheme, so "java\tscript:" is still javascript:.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) return true; // relative, or protocol-relative (http/https by definition)
  return /^https?$/i.test(scheme[1]);
}
