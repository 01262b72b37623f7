import type { Env } from "../env/env.js";

/*
 * Who holds the modal across this browser's tabs: the read that every decision on a modal
 * widget makes. Taking, renewing and releasing the lock (./modal-lock.ts) loads only when a
 * modal is about to show or another tab's modal holds one back.
 */

/** Who holds the modal across this browser's tabs, as written in localStorage. */
export interface ModalHolder {
  tab: string;
  widget: string;
  /** The lock lapses at this time unless its tab renews it (heartbeat). */
  until: number;
}

export const MODAL_LOCK_KEY = "nudge:modal";

/** localStorage when the lock may use it (the visitor's storage consent), else undefined; never throws. */
export function lockStorage(env: Env, mayStore?: () => boolean): Storage | undefined {
  try {
    return (mayStore?.() !== false && env.window?.localStorage) || undefined;
  } catch {
    return undefined;
  }
}

/** The holder written in localStorage, or null (none, unreadable, malformed). */
export function readModalHolder(env: Env, mayStore?: () => boolean): ModalHolder | null {
  try {
    const raw = lockStorage(env, mayStore)?.getItem(MODAL_LOCK_KEY);
    const value = raw ? (JSON.parse(raw) as Partial<ModalHolder>) : null;
    if (!value || typeof value.tab !== "string" || typeof value.until !== "number") return null;
    return { tab: value.tab, widget: String(value.widget ?? ""), until: value.until };
  } catch {
    return null;
  }
}

/** Another tab holding a modal now (its lock not lapsed), or null. */
export function modalHeldElsewhere(env: Env, tab: string, mayStore?: () => boolean): ModalHolder | null {
  const holder = readModalHolder(env, mayStore);
  return holder && holder.tab !== tab && holder.until > env.now() ? holder : null;
}
