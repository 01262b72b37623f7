/*
 * The rarely called API: identify(), consent(), forget() and registerWidget(), with their
 * argument checks. A lazy chunk, loaded on the first such call (create-nudge.ts queues the
 * calls made meanwhile and replays them in order): most page views call none of them.
 */
import type { Env } from "../env/env.js";
import { identified } from "../profile/identify.js";
import type { ProfileStore } from "../profile/profile-store.js";
import { localStorageStore, type KeyValueStore } from "../profile/storage.js";
import type { AnyWidgetDefinition, WidgetDefinition, WidgetLoader } from "../render/widget-api.js";
import { ArgumentProblem, identifier, plainObject } from "./arguments.js";
import { allConsent, CONSENT_CATEGORIES } from "./consent.js";
import type { Reporter } from "./report.js";
import type { createCustomer } from "./customer.js";
import type { ConsentChoice, IdentifyOptions, JsonObject } from "./types.js";

/** What these calls may touch of an instance. */
export interface Instance {
  env: Env;
  reporter: Reporter;
  profiles: ProfileStore;
  widgets: Map<string, AnyWidgetDefinition | WidgetLoader>;
  /** Resolves once the instance has started. */
  ready(): Promise<void>;
  /** Runs a profile change now, or once the stored profile has been read. */
  act(change: () => void): void;
  newId(): string;
  /** The shop's customer card (loaded for a token). */
  customer: Pick<ReturnType<typeof createCustomer>, "identify">;
  /** The store the profile lives in now. */
  store(): KeyValueStore;
  setConsent(choice: ConsentChoice): void;
  /** Closes every widget and drops this visitor's measured events: what forget() erases besides storage. */
  erase(): void;
  /** Resets the time on site (after the stores are cleared). */
  resetClock(): void;
}

/** The calls of this chunk, by method name (the instance's method of that name runs it). */
export type Call = "identify" | "consent" | "forget" | "registerWidget";
type Method<K extends Call> = typeof import("./occasional-calls.js")[K];
/** A call's arguments as the page passes them (after the instance). */
export type Args<K extends Call> = Method<K> extends (instance: Instance, ...a: infer A) => unknown ? A : never;
export type Result<K extends Call> = ReturnType<Method<K>>;

/** `identify(id?, traits?, { token }?)`: see `createNudge`. */
export function identify(instance: Instance, id?: string | number | null, traits?: JsonObject, options?: IdentifyOptions): void {
  const userId = id === undefined || id === null ? undefined : identifier(id, "identify() id");
  const data = plainObject(traits, "identify() traits");
  const token = identifyToken(options);
  const { env, profiles, newId } = instance;
  instance.act(() => {
    profiles.update((p) => identified(p, userId, data, env.now(), newId));
    if (token) instance.customer.identify(userId, token);
  });
}

/** identify()'s `{ token }`: a JWT's three base64url parts, or undefined when none is given. */
function identifyToken(options: unknown): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object") throw new ArgumentProblem(`identify() options: expected { token }, got ${typeof options}`);
  const token = (options as { token?: unknown }).token;
  if (token === undefined) return undefined;
  if (typeof token !== "string" || !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token))
    throw new ArgumentProblem("identify() options.token: expected the JWT your server signed (three base64url parts)");
  return token;
}

/** `consent(granted)`: `true`/`false`, or an object of categories with boolean values. */
export function consent(instance: Instance, granted: boolean | ConsentChoice): void {
  instance.setConsent(consentChoice(granted));
}

function consentChoice(value: unknown): ConsentChoice {
  if (typeof value === "boolean") return allConsent(value);
  // The first key that is not a category with true or false (`true` when it is not an object at all).
  const wrong =
    typeof value !== "object" ||
    !value ||
    Object.keys(value).find((key) => !(CONSENT_CATEGORIES as readonly string[]).includes(key) || typeof (value as Record<string, unknown>)[key] !== "boolean");
  if (wrong !== undefined)
    throw new ArgumentProblem(`consent(): expected true, false or { storage?, personalization?, measurement? } set to true or false${wrong === true ? "" : `; check "${wrong}"`}`);
  return value as ConsentChoice;
}

/** `forget()`: erases everything Nudge stored about the visitor, in every storage, after start (so the store erased is the real one). */
export function forget(instance: Instance): Promise<void> {
  const { env, profiles, reporter } = instance;
  return instance.ready().then(async () => {
    instance.erase();
    profiles.reset(instance.newId());
    await profiles.flush(); // waits for a write already under way (the close just recorded): it must land before the erase
    const win = env.window;
    // Every place Nudge may have written: the store in use, localStorage (fallback, snapshots,
    // tab messages, modal lock) and sessionStorage (time on site).
    const stores = [instance.store(), ...(win ? [safeLocalStore(() => win.localStorage), safeLocalStore(() => win.sessionStorage)] : [])];
    await Promise.all(stores.map((s) => s?.clear().catch((error) => reporter.error("forget()", error))));
    instance.resetClock();
  });
}

/** `registerWidget(type, definition, schema?)`: see `createNudge`. */
export function registerWidget(instance: Instance, type: string, definition: AnyWidgetDefinition | WidgetLoader, schema?: WidgetDefinition["schema"]): void {
  const name = identifier(type, "registerWidget() type");
  const drawn = (key: string) => typeof (definition as unknown as Record<string, unknown>)[key] === "function";
  const valid = typeof definition === "function" || (typeof definition === "object" && definition !== null && drawn("component") !== drawn("mount"));
  if (!valid) throw new ArgumentProblem(`registerWidget("${name}"): expected { component, styles?, modal?, schema? }, { mount, … } or a loader function`);
  if (schema !== undefined && typeof schema?.safeParse !== "function") throw new ArgumentProblem(`registerWidget("${name}"): the schema must have safeParse (a zod schema)`);
  instance.widgets.set(name, schema && typeof definition === "object" ? { ...definition, schema } : definition);
}

/** A `nudge:`-prefixed view of a Web Storage area, or undefined where touching it throws (storage disabled). */
function safeLocalStore(area: () => Storage): KeyValueStore | undefined {
  try {
    return localStorageStore(area());
  } catch {
    return undefined;
  }
}
