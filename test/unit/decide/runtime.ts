/* The runtime harness, plus a store that outlives one instance (for "same visitor, next page load"). */
import { memoryStore } from "../../../src/profile/storage.js";
import { spyStore } from "../runtime/harness.js";

export * from "../runtime/harness.js";

export function memoryStoreFor() {
  return spyStore(memoryStore());
}
