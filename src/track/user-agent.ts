/** Operating systems `visitor.os` names; "other" for the rest. */
export type OsName = "ios" | "android" | "windows" | "macos" | "linux" | "chromeos" | "other";
/** Browsers `visitor.browser` names; "other" for the rest. */
export type BrowserName = "edge" | "opera" | "samsung" | "firefox" | "chrome" | "safari" | "other";

/**
 * The visitor's operating system from the user agent (coarse, for targeting).
 *
 * @example
 * osName("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) …") // "ios"
 */
export function osName(userAgent: string): OsName {
  if (/iPhone|iPad|iPod/.test(userAgent)) return "ios";
  if (/Android/.test(userAgent)) return "android";
  if (/CrOS/.test(userAgent)) return "chromeos";
  if (/Windows/.test(userAgent)) return "windows";
  if (/Mac OS X|Macintosh/.test(userAgent)) return "macos";
  if (/Linux|X11/.test(userAgent)) return "linux";
  return "other";
}

/**
 * The visitor's browser from the user agent. Order matters: Edge, Opera and
 * Samsung Internet also say "Chrome", and Chrome also says "Safari".
 *
 * @example
 * browserName("Mozilla/5.0 … Chrome/126.0 Safari/537.36 Edg/126.0") // "edge"
 */
export function browserName(userAgent: string): BrowserName {
  if (/Edg(e|A|iOS)?\//.test(userAgent)) return "edge";
  if (/OPR\/|Opera/.test(userAgent)) return "opera";
  if (/SamsungBrowser/.test(userAgent)) return "samsung";
  if (/Firefox\/|FxiOS/.test(userAgent)) return "firefox";
  if (/Chrome\/|CriOS|Chromium/.test(userAgent)) return "chrome";
  if (/Safari\//.test(userAgent)) return "safari";
  return "other";
}
