// The visitor simulator's moves, acting through the preview's Nudge instance and its page:
// each one is something a real visitor (or time) does, so the real runtime decides.

export const DAY = 86_400_000;

/** Orders that place a customer in each of the 11 RFM segments (default thresholds): days since the last, count, total. */
export const RFM_PRESETS = {
  champions: { days: 5, count: 8, total: 1000 },
  loyal_customers: { days: 20, count: 5, total: 500 },
  potential_loyalists: { days: 5, count: 2, total: 100 },
  new_customers: { days: 2, count: 1, total: 40 },
  promising: { days: 20, count: 1, total: 40 },
  need_attention: { days: 60, count: 3, total: 250 },
  about_to_sleep: { days: 60, count: 1, total: 40 },
  at_risk: { days: 120, count: 3, total: 250 },
  cant_lose_them: { days: 120, count: 8, total: 1000 },
  hibernating: { days: 120, count: 1, total: 40 },
  lost: { days: 300, count: 1, total: 40 },
};

const AGENTS = {
  mobile: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  tablet: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
};

/**
 * Gives the preview's window the visitor's clock and device before Nudge starts there:
 * `Date` runs `clock.offset` ms ahead of (or behind) the real time, read live, so the
 * simulator can move it; a phone or tablet gets its user agent.
 */
export function prepareWindow(win, clock, device) {
  const RealDate = win.Date;
  const now = () => RealDate.now() + clock.offset;
  class VisitorDate extends RealDate {
    constructor(...args) {
      if (args.length) super(...args);
      else super(now());
    }
    static now() {
      return now();
    }
  }
  win.Date = VisitorDate;
  if (AGENTS[device]) Object.defineProperty(win.navigator, "userAgent", { configurable: true, get: () => AGENTS[device] });
}

/**
 * Exit intent as a desktop browser sees it: the pointer moves up fast and leaves the page
 * through its top edge (`mouseout` with no `relatedTarget`), which Nudge's watcher detects.
 */
export function fireExitIntent(win) {
  const doc = win.document;
  doc.dispatchEvent(new win.MouseEvent("mousemove", { clientX: 400, clientY: 240, bubbles: true }));
  doc.dispatchEvent(new win.MouseEvent("mousemove", { clientX: 400, clientY: 60, bubbles: true }));
  doc.dispatchEvent(new win.MouseEvent("mouseout", { clientX: 400, clientY: 0, relatedTarget: null, bubbles: true }));
}

/** Scrolls the page to its bottom as a visitor would (the scroll event included): scroll triggers see the depth. */
export function scrollToBottom(win) {
  win.scrollTo(0, win.document.documentElement.scrollHeight);
  win.dispatchEvent(new win.Event("scroll"));
}

/**
 * Clicks the first element matching a click trigger's selector; false when the page has none.
 * A link is not followed: the preview stays on the page to show what the trigger shows.
 */
export function fireClick(win, selector) {
  let target = null;
  try {
    target = win.document.querySelector(selector);
  } catch {
    // An invalid selector: the editor already names it.
  }
  if (!target) return false;
  // Cancelled after the page (and Nudge's trigger) heard it, as the click reaches the window.
  win.addEventListener("click", (event) => event.preventDefault(), { once: true });
  target.click();
  return true;
}

/** Places the (fresh) visitor in an RFM segment: their orders, placed `days` ago with the clock set back. */
export function makeCustomer(instance, clock, segment) {
  const preset = RFM_PRESETS[segment];
  if (!preset) throw new Error(`no RFM preset "${segment}"`);
  clock.offset -= preset.days * DAY;
  try {
    for (let i = 0; i < preset.count; i++) {
      instance.purchase({ id: `sim-${segment}-${i + 1}`, value: Math.round((preset.total / preset.count) * 100) / 100, currency: "USD" });
    }
  } finally {
    clock.offset += preset.days * DAY;
  }
}

/** The query string of a page with the visit source set (utm_medium defaults to "referral", as a blogger's link would). */
export function withUtm(path, source, campaign) {
  const url = new URL(path, "http://x");
  for (const key of [...url.searchParams.keys()]) if (key.startsWith("utm_")) url.searchParams.delete(key);
  if (source) {
    url.searchParams.set("utm_source", source);
    url.searchParams.set("utm_medium", "referral");
  }
  if (campaign) url.searchParams.set("utm_campaign", campaign);
  return url.pathname + url.search;
}

/** "Tue 1 Dec, 10:00 (+2d 1h)": the simulated time and how far it is from now. */
export function clockText(offset) {
  const at = new Date(Date.now() + offset);
  const text = at.toLocaleString("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  if (!offset) return `${text} (now)`;
  const days = Math.floor(Math.abs(offset) / DAY);
  const hours = Math.round((Math.abs(offset) % DAY) / 3_600_000);
  return `${text} (${offset > 0 ? "+" : "−"}${days ? `${days}d ` : ""}${hours}h)`;
}
