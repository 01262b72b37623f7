/// <reference types="node" />
/**
 * A lead as the collector keeps it: the lead form's answers (their values, which the measured
 * `lead` event never carries), the consent the visitor gave and when, and the widget it came from.
 * The browser POSTs it to the collector's `/leads` (see `BeaconDestination.leads`).
 */
export interface Lead {
  /** The measured `lead` event's id: a lead sent twice is stored once. */
  id: string;
  /** When the visitor sent the form (their clock, ms since the epoch). */
  time: number;
  /** When the collector received it (its clock). */
  received: number;
  visitor: string;
  session: string;
  widget: string;
  variant: string;
  path: string;
  /** Field name → the value the visitor typed (email, phone, name…). */
  fields: Record<string, string>;
  /** The consent text the visitor ticked, as shown to them, and when. */
  consent: { text: string; time: number };
}

export const LEAD_LIMITS = { fields: 20, name: 64, value: 1000, text: 2000, id: 128 } as const;

const isText = (value: unknown, max: number): value is string => typeof value === "string" && value.length <= max;

/**
 * Checks a POSTed lead; returns it (stamped with `received`) or the problem, named by its field.
 *
 * @example
 * parseLead({ id: "e-1", time: 1, visitor: "v", session: "s", widget: "w", variant: "a", fields: { email: "a@b.c" }, consent: { text: "I agree", time: 1 } }, Date.now())
 */
export function parseLead(body: unknown, received: number): { lead: Lead } | { problem: string } {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { problem: "expected a JSON object" };
  const raw = body as Record<string, unknown>;
  for (const key of ["id", "visitor", "session", "widget", "variant"] as const) {
    if (!isText(raw[key], LEAD_LIMITS.id) || !raw[key]) return { problem: `${key}: expected a non-empty string of at most ${LEAD_LIMITS.id} characters` };
  }
  if (raw.path !== undefined && !isText(raw.path, LEAD_LIMITS.text)) return { problem: "path: expected a string" };
  if (typeof raw.time !== "number" || !Number.isSafeInteger(raw.time) || raw.time < 0) return { problem: "time: expected milliseconds since the epoch" };
  const fields = raw.fields;
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return { problem: "fields: expected an object of field name to value" };
  const entries = Object.entries(fields);
  if (!entries.length || entries.length > LEAD_LIMITS.fields) return { problem: `fields: expected 1 to ${LEAD_LIMITS.fields} fields` };
  for (const [name, value] of entries) {
    if (!/^[A-Za-z][\w-]*$/.test(name) || name.length > LEAD_LIMITS.name) return { problem: `fields.${name}: not a field name` };
    if (!isText(value, LEAD_LIMITS.value)) return { problem: `fields.${name}: expected a string of at most ${LEAD_LIMITS.value} characters` };
  }
  const consent = raw.consent as Record<string, unknown> | undefined;
  if (!consent || typeof consent !== "object" || !isText(consent.text, LEAD_LIMITS.text) || !consent.text.trim())
    return { problem: "consent.text: expected the consent text the visitor agreed to" };
  if (typeof consent.time !== "number" || !Number.isSafeInteger(consent.time) || consent.time < 0) return { problem: "consent.time: expected milliseconds since the epoch" };
  return {
    lead: {
      id: raw.id as string,
      time: raw.time,
      received,
      visitor: raw.visitor as string,
      session: raw.session as string,
      widget: raw.widget as string,
      variant: raw.variant as string,
      path: (raw.path as string | undefined) ?? "",
      fields: Object.fromEntries(entries) as Record<string, string>,
      consent: { text: consent.text, time: consent.time },
    },
  };
}
