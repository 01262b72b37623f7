/**
 * Turns a version into a string whose plain string order is version order (GrowthBook's
 * `paddedVersionString` semantics): a leading `v` and `+build` are dropped, numeric parts are
 * left-padded to width 5, and a three-part version without pre-release gets a `~` part so that
 * `1.2.3` sorts after `1.2.3-beta`.
 */
export function paddedVersion(input: unknown): string {
  const text = typeof input === "number" ? String(input) : typeof input === "string" && input !== "" ? input : "0";
  const parts = text.replace(/(^v|\+.*$)/g, "").split(/[-.]/);
  // "~" is the largest printable ASCII character, so a release sorts after its pre-releases.
  if (parts.length === 3) parts.push("~");
  return parts.map((part) => (/^[0-9]+$/.test(part) ? part.padStart(5, " ") : part)).join("-");
}
