import type { NotShown, WidgetProps } from "../../src/render/widget-api.js";

/*
 * The browser's half of unique coupon codes: a widget's `prepare` step asks the collector
 * (`settings.collector`) for this visitor's code. Only the widgets that show a code import it
 * (popup, countdown-coupon, wheel), never the runtime. Whatever goes wrong (an empty pool, a used
 * code, a rate limit, a collector that is down) resolves to `{ notShown }`: the widget does not
 * show, is not counted, and explain() gives the reason. A code is never shown broken or empty.
 * The widgets load it with import() only when their content names a pool or a wheel.
 */

import type { ClaimedCode } from "./shown-coupon.js";

const TIMEOUT_MS = 8000;
const CODE = /^[\x21-\x7e]{1,64}$/; // printable ASCII, no spaces: what any shop's checkout takes

/** The answer of a collector's POST `path`, as JSON with its status; throws on a network failure or timeout. */
async function post(props: WidgetProps, path: string, body: Record<string, string>): Promise<{ url: string; status: number; json: Record<string, unknown> }> {
  const base = props.collector!;
  const url = new URL(path, new URL(base.endsWith("/") ? base : `${base}/`, globalThis.document?.baseURI)).href;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    // text/plain: a "simple" request, no CORS preflight (the collector reads it as JSON).
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ visitor: props.facts.visitor.id, widget: props.id, ...body }),
      credentials: "omit",
      signal: controller.signal,
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { url, status: response.status, json: json && typeof json === "object" ? json : {} };
  } finally {
    clearTimeout(timer);
  }
}

/** The reason for a refusal, in words that name what to do. */
function refusal(what: string, status: number, json: Record<string, unknown>, url: string): NotShown {
  const error = typeof json.error === "string" ? json.error : undefined;
  if (error === "pool-empty") return { notShown: `${what}: no code is left (the collector answered pool-empty); import more with nudge coupons import` };
  if (error === "used") return { notShown: `${what}: this visitor's code was used already (a purchase with it); a used code is never offered again` };
  if (error === "rate-limited") return { notShown: `${what}: too many claims from this visitor or address for now (the collector answered rate-limited)` };
  return { notShown: `${what}: the collector at ${url} answered ${status}${error ? ` ${error}` : ""}${typeof json.message === "string" ? ` (${json.message})` : ""}` };
}

function unreachable(what: string, error: unknown, collector: string): NotShown {
  const why = (error as Error)?.name === "AbortError" ? `no answer in ${TIMEOUT_MS / 1000}s` : ((error as Error)?.message ?? String(error));
  return { notShown: `${what}: the collector (settings.collector "${collector}") did not answer: ${why}` };
}

/**
 * Claims this visitor's code from `pool` for this widget: the same code again on every later
 * show, until it is used.
 *
 * @example
 * prepare: (props) => claimCoupon(props, "WELCOME") // { couponCode: "W-7KQ2" } or { notShown: "coupon pool \"WELCOME\": …" }
 */
export async function claimCoupon(props: WidgetProps, pool: string): Promise<ClaimedCode | NotShown> {
  const what = `coupon pool "${pool}"`;
  if (!props.collector) return { notShown: `${what}: settings.collector is not set (the collector's URL)` };
  try {
    const { url, status, json } = await post(props, "coupons/claim", { pool });
    if (status === 200 && typeof json.code === "string" && CODE.test(json.code)) return { couponCode: json.code };
    return status === 200 ? { notShown: `${what}: the collector at ${url} gave no usable code` } : refusal(what, status, json, url);
  } catch (error) {
    return unreachable(what, error, props.collector);
  }
}

/** A wheel's segments as the collector shows them (labels only) and this visitor's earlier result. */
export interface ServerWheel {
  wheel: { name: string; labels: string[]; result?: WheelDraw };
}

/** What the collector drew: the segment's index and label, and its code for a prize. */
export interface WheelDraw {
  segment: number;
  label: string;
  code?: string;
}

function drawOf(json: Record<string, unknown>, labels: readonly string[]): WheelDraw | undefined {
  const { segment, label, code } = json;
  if (typeof segment !== "number" || !Number.isInteger(segment) || segment < 0 || segment >= labels.length || typeof label !== "string") return undefined;
  if (code !== undefined && !(typeof code === "string" && CODE.test(code))) return undefined;
  return { segment, label, ...(code ? { code: code as string } : {}) };
}

/** Loads a server-drawn wheel's labels (and the visitor's earlier spin) before the wheel shows. */
export async function loadWheel(props: WidgetProps, name: string): Promise<ServerWheel | NotShown> {
  const what = `wheel "${name}"`;
  if (!props.collector) return { notShown: `${what}: settings.collector is not set (the collector's URL)` };
  try {
    const { url, status, json } = await post(props, "wheel/segments", { wheel: name });
    if (status !== 200) return refusal(what, status, json, url);
    const labels = Array.isArray(json.segments) ? json.segments.map((s) => (s && typeof s === "object" ? (s as { label?: unknown }).label : undefined)) : [];
    if (labels.length < 2 || labels.length > 12 || !labels.every((l): l is string => typeof l === "string" && l.length > 0))
      return { notShown: `${what}: the collector at ${url} gave no usable segments` };
    const result = json.result && typeof json.result === "object" ? drawOf(json.result as Record<string, unknown>, labels) : undefined;
    return { wheel: { name, labels, ...(result ? { result } : {}) } };
  } catch (error) {
    return unreachable(what, error, props.collector);
  }
}

/** Spins a server-drawn wheel: the collector draws (once per visitor) and this resolves with its result; throws with the reason when there is none. */
export async function spinWheel(props: WidgetProps, wheel: ServerWheel["wheel"]): Promise<WheelDraw> {
  const { url, status, json } = await post(props, "wheel/spin", { wheel: wheel.name });
  const draw = status === 200 ? drawOf(json, wheel.labels) : undefined;
  if (!draw) throw new Error(refusal(`wheel "${wheel.name}"`, status, json, url).notShown);
  return draw;
}
