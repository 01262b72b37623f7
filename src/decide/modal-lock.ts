import type { Env } from "../env/env.js";
import { lockStorage, MODAL_LOCK_KEY, modalHeldElsewhere, readModalHolder, type ModalHolder } from "./modal-holder.js";

export { MODAL_LOCK_KEY, type ModalHolder };

export interface ModalLockOptions {
  env: Env;
  /** This tab's (this instance's) id. */
  tab: string;
  /** Called when another tab released its modal, or its lock lapsed: a good moment to decide again. */
  onRelease(): void;
  /** Whether it may use localStorage now (the visitor's storage consent); without it each tab decides alone. */
  mayStore?(): boolean;
  /** How long a lock lasts without a heartbeat (default 15 s) and how often it is renewed (default 5 s). */
  ttlMs?: number;
  heartbeatMs?: number;
}

const CHANNEL = "nudge:modal";

/**
 * One modal at a time across the tabs of a browser. The tab showing a modal
 * writes `{ tab, widget, until }` to localStorage and renews it every few
 * seconds; other tabs see it and wait until it is released (on close, on
 * pagehide) or lapses (a tab that crashed). Release is announced through a
 * BroadcastChannel and the `storage` event when they exist. Without storage
 * it does nothing (every tab decides alone), and it never throws.
 */
export function createModalLock(options: ModalLockOptions) {
  const { env, tab, ttlMs = 15_000, heartbeatMs = 5_000 } = options;
  let held: string | null = null;
  let heartbeat: unknown;
  let retry: unknown;
  let channel: BroadcastChannel | undefined;

  const storage = () => lockStorage(env, options.mayStore);
  const read = () => readModalHolder(env, options.mayStore);

  function write(widget: string): boolean {
    try {
      const store = storage();
      if (!store) return false;
      store.setItem(MODAL_LOCK_KEY, JSON.stringify({ tab, widget, until: env.now() + ttlMs }));
      return true;
    } catch {
      return false;
    }
  }

  function notified() {
    try {
      options.onRelease();
    } catch {
      // The decider reports its own errors; a lock must not break the page.
    }
  }

  const onStorage = (event: StorageEvent) => {
    if (event.key === MODAL_LOCK_KEY && !event.newValue) notified();
  };
  function openChannel() {
    try {
      const Channel = env.window?.BroadcastChannel;
      if (!Channel || channel) return;
      channel = new Channel(CHANNEL);
      channel.onmessage = (event) => {
        if ((event.data as { released?: string } | null)?.released !== tab) notified();
      };
      (channel as unknown as { unref?: () => void }).unref?.();
    } catch {
      channel = undefined;
    }
  }
  function closeChannel() {
    channel?.close();
    channel = undefined;
  }
  try {
    env.window?.addEventListener("storage", onStorage);
  } catch {
    // no window events: release is noticed when the lock lapses
  }
  openChannel();

  function beat() {
    heartbeat = env.setTimeout(() => {
      if (!held) return;
      if (read()?.tab === tab || !heldElsewhere()) write(held);
      beat();
    }, heartbeatMs);
  }

  const heldElsewhere = () => modalHeldElsewhere(env, tab, options.mayStore);

  function release(widget?: string): void {
    if (!held || (widget !== undefined && widget !== held)) return;
    held = null;
    env.clearTimeout(heartbeat);
    try {
      if (read()?.tab === tab) storage()?.removeItem(MODAL_LOCK_KEY);
      channel?.postMessage({ released: tab });
    } catch {
      // Storage went away: the lock lapses by itself.
    }
  }

  return {
    /** The other tab holding a modal now, if any. */
    heldElsewhere,
    /** Takes the lock for a modal about to show; false while another tab holds it. */
    acquire(widget: string): boolean {
      if (heldElsewhere()) return false;
      held = widget;
      if (write(widget)) {
        // Two tabs may write at once: the last write wins, and the other backs off.
        if (read()?.tab !== tab) {
          held = null;
          return false;
        }
        env.clearTimeout(heartbeat);
        beat();
      }
      return true;
    },
    /**
     * Releases the lock (the modal closed, the page is hidden, Nudge stops) and tells the other tabs.
     * With `widget`, only if that widget holds it (a late release must not free the next modal's lock).
     */
    release,
    /** Decide again once another tab's lock would lapse, in case that tab is gone without a word. */
    retryWhenLapsed(holder: ModalHolder): void {
      env.clearTimeout(retry);
      retry = env.setTimeout(notified, Math.max(0, holder.until - env.now()) + 1);
    },
    /** Into the back/forward cache: a message arriving there would evict the page (Chromium), so the channel closes. */
    suspend: closeChannel,
    /** Back from the back/forward cache (nothing to do when open). */
    resume: openChannel,
    dispose(): void {
      release();
      env.clearTimeout(retry);
      try {
        env.window?.removeEventListener("storage", onStorage);
      } catch {
        // nothing to undo
      }
      closeChannel();
    },
  };
}

export type ModalLock = ReturnType<typeof createModalLock>;
