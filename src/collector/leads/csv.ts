/**
 * Leads as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * quote or line break, quotes doubled), safe to open in a spreadsheet: a cell that starts with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so a lead's answer cannot become
 * a formula (OWASP's CSV injection advice).
 */
import type { Lead } from "./lead.js";

/** One cell, quoted and defused. */
export function csvCell(value: string | number | undefined | null): string {
  let text = value === undefined || value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (ms: number | undefined) => (typeof ms === "number" && Number.isFinite(ms) ? new Date(ms).toISOString() : "");

const FIXED = ["id", "received", "time", "widget", "variant", "visitor", "session", "path", "consent_text", "consent_time", "delivered"];

/**
 * Writes the leads as CSV lines: the fixed columns, then one column per form field seen in any
 * lead (sorted by name). `leads()` is read twice: once for the field names, once for the rows.
 */
export async function writeLeadsCsv(leads: () => AsyncIterable<Lead & { delivered?: number }>, write: (text: string) => void): Promise<number> {
  const names = new Set<string>();
  for await (const lead of leads()) for (const name of Object.keys(lead.fields)) names.add(name);
  const fields = [...names].sort();
  write(`${[...FIXED, ...fields].map(csvCell).join(",")}\r\n`);
  let count = 0;
  for await (const lead of leads()) {
    const cells = [
      lead.id,
      iso(lead.received),
      iso(lead.time),
      lead.widget,
      lead.variant,
      lead.visitor,
      lead.session,
      lead.path,
      lead.consent.text,
      iso(lead.consent.time),
      iso(lead.delivered),
    ];
    for (const name of fields) cells.push(Object.prototype.hasOwnProperty.call(lead.fields, name) ? lead.fields[name] : "");
    write(`${cells.map(csvCell).join(",")}\r\n`);
    count++;
  }
  return count;
}
