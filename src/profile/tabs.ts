/** What a tab tells the others after it wrote the profile: "re-read, it is at least this new". */
export interface TabMessage {
  /** The stored profile's `rev` after the write. */
  rev: number;
  /** The writing tab, so a tab ignores its own echo. */
  from: string;
}

/** A channel between the tabs of one site (one origin). */
export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

/** Opens a channel; `undefined` when this environment has none. */
export type OpenTabChannel = (onMessage: (message: TabMessage) => void) => TabChannel | undefined;

const CHANNEL = "nudge";
/** The fallback's localStorage key: writing it fires `storage` in every other tab. */
const TICK_KEY = "nudge:profile.tick";

/**
 * The tabs of this site: a `BroadcastChannel("nudge")`, or where there is
 * none, the `storage` event of a localStorage key. Never throws; `undefined`
 * when neither exists (each tab then sees the others' changes on its next write).
 *
 * @example
 * const channel = openTabChannel(window, (message) => console.log("a tab wrote rev", message.rev));
 * channel?.post({ rev: 7, from: "tab-1" });
 */
export function openTabChannel(win: (Window & typeof globalThis) | undefined, onMessage: (message: TabMessage) => void): TabChannel | undefined {
  if (!win) return undefined;
  const receive = (data: unknown) => {
    const message = data as Partial<TabMessage> | null;
    if (message && typeof message.rev === "number" && typeof message.from === "string") onMessage({ rev: message.rev, from: message.from });
  };
  try {
    if (typeof win.BroadcastChannel === "function") {
      const channel = new win.BroadcastChannel(CHANNEL);
      channel.onmessage = (event) => receive(event.data);
      // Node's BroadcastChannel (tests, SSR) would otherwise keep the process alive.
      (channel as { unref?: () => void }).unref?.();
      return {
        post: (message) => {
          try {
            channel.postMessage(message);
          } catch {
            // a closed channel: the other tabs catch up on their next write
          }
        },
        close: () => channel.close(),
      };
    }
  } catch {
    // fall through to the storage event
  }
  return storageChannel(win, receive);
}

function storageChannel(win: Window & typeof globalThis, receive: (data: unknown) => void): TabChannel | undefined {
  let storage: Storage;
  try {
    storage = win.localStorage;
    if (!storage) return undefined;
  } catch {
    return undefined;
  }
  const listener = (event: StorageEvent) => {
    if (event.key !== TICK_KEY || !event.newValue) return;
    try {
      receive(JSON.parse(event.newValue));
    } catch {
      // not ours
    }
  };
  win.addEventListener("storage", listener);
  let sent = 0;
  return {
    post: (message) => {
      try {
        // A counter makes every write a change, so the event fires even for the same rev.
        storage.setItem(TICK_KEY, JSON.stringify({ ...message, n: ++sent }));
      } catch {
        // full or disabled: the other tabs catch up on their next write
      }
    },
    close: () => win.removeEventListener("storage", listener),
  };
}
