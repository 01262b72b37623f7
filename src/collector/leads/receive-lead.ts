/**
 * POST /leads: a lead form's answers from the browser (see src/measure/lead-post.ts). Checked,
 * stored once per id with its consent, and queued for the webhook in the same transaction; the
 * answer is sent only after that commit, so an acknowledged lead is never lost. Without a
 * webhook the lead is stored only (`nudge leads export` reads it).
 */
import type { StateStore } from "../state/state-store.js";
import { parseLead } from "./lead.js";

export interface LeadsOptions {
  /** Where leads and their delivery queue live (DuckDB file for one collector, PostgreSQL for several). */
  state: StateStore;
  /** The delivery loop, told when a lead was queued (absent: no webhook, leads are stored only). */
  delivery?: { kick(): void; stop(): Promise<void> };
}

/** Handles a parsed body; returns the HTTP status and the answer's JSON. */
export async function receiveLead(body: unknown, received: number, leads: LeadsOptions): Promise<{ status: number; body: string }> {
  const parsed = parseLead(body, received);
  if ("problem" in parsed) return { status: 400, body: JSON.stringify({ error: `lead refused: ${parsed.problem}` }) };
  const added = await leads.state.addLead(parsed.lead, Boolean(leads.delivery), received);
  if (added) leads.delivery?.kick();
  return { status: 200, body: JSON.stringify({ stored: added ? 1 : 0, duplicate: !added }) };
}
