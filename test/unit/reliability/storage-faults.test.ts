import { expect, it } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { openBestStore } from "../../../src/profile/storage.js";

// Found by the reliability suite: with cookies blocked, reading window.indexedDB itself throws
// SecurityError; that escaped openBestStore, start() failed, and no widget could ever show.
it("a window whose indexedDB and localStorage getters throw (cookies blocked) gets memory storage, nothing thrown", async () => {
  const denied = () => {
    throw new DOMException("Access is denied for this document.", "SecurityError");
  };
  const win = Object.defineProperties({}, { indexedDB: { get: denied }, localStorage: { get: denied } }) as Window & typeof globalThis;
  const env = { window: win, document: undefined, now: Date.now, random: Math.random, setTimeout, clearTimeout, fetch: undefined, console } as Env;
  const notes: string[] = [];
  const store = await openBestStore(env, (note) => notes.push(note));
  expect(store.kind).toBe("memory");
  expect(notes).toEqual(["a storage backend threw while opening; trying the next one"]);
});
