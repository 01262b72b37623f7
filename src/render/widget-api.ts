import type { ComponentType } from "preact";
import type { Facts } from "../profile/facts.js";

/** Why a widget went away; reported in the `closed` event. */
export type CloseReason = "button" | "escape" | "backdrop" | "dismiss" | "cta" | "replaced" | "api";

/**
 * Everything a widget gets from the runtime. Widgets never read storage or
 * evaluate rules: they render `content`, read `facts` and call back.
 *
 * @example
 * function Banner({ content, close }: WidgetProps<{ text: string }>) {
 *   return <div role="status">{content.text}<button onClick={() => close("button")}>×</button></div>;
 * }
 */
export interface WidgetProps<Content = Record<string, unknown>> {
  /** The widget's `id` from the rules file. */
  id: string;
  /** The widget's validated `content` (or the chosen variant's). */
  content: Content;
  /** A read-only snapshot of the facts document when the widget was shown. */
  facts: Readonly<Facts>;
  /** BCP 47 locale from the rules file's settings. */
  locale: string;
  /** Currency (ISO 4217) from the rules file's settings. */
  currency: string;
  /** Remove the widget. */
  close(reason: CloseReason): void;
  /** The visitor engaged with the call to action (counts as a click). */
  click(props?: Record<string, unknown>): void;
  /** The widget met its own goal (e.g. a lead was submitted). */
  convert(props?: Record<string, unknown>): void;
  /** Record a custom widget event, e.g. `track("copied", { code })`. */
  track(name: string, props?: Record<string, unknown>): void;
  /**
   * Shrinks the widget to its teaser (a tab that reopens it): emits `minimized`. It stays on
   * screen, no longer modal, so another modal may show. `restore()` reopens it and emits
   * `restored` (counted apart from impressions).
   */
  minimize(): void;
  restore(): void;
  /** Answers (a bot, a survey) become profile attributes, e.g. `answer({ nps: 9 })`. */
  answer(attributes: Record<string, string | number | boolean>): void;
  /**
   * A lead form was sent: its fields become profile attributes, a `lead` event is emitted and
   * tracked (rules can use `$event: "lead"`), and the widget converts. `consent` is the consent
   * text the visitor agreed to, as shown. Nudge sends them nowhere unless a beacon destination
   * names a collector's `leads` URL.
   */
  lead(fields: Record<string, string>, consent?: string): void;
  /** This widget's own state for this visitor, kept across reloads and tabs (e.g. an evergreen deadline). */
  state: Readonly<Record<string, unknown>>;
  /** Merges `patch` into `state` and stores it. */
  saveState(patch: Record<string, unknown>): void;
  /** Asks the host page to act (add to cart, open a live chat): emits `action`, which the site handles with `on("action", …)`. */
  action(name: string, payload?: Record<string, unknown>): void;
  /**
   * Hands the site what the visitor answered: `answer` (one survey question: `{ survey, question, answer }`)
   * or `push` (the visitor's notification permission after a push ask: `{ answer, permission }`).
   */
  emit(event: "answer" | "push", payload: Record<string, unknown>): void;
  /** The catalog feed (settings.catalog or the `catalog` option), loaded and checked on first call; [] when there is none. */
  catalog(): Promise<Product[]>;
  /** For a widget placed in the page (`placement`): the page element it was placed at. */
  target?: Element;
  /** What the definition's `prepare` resolved to, when it has one (products to show, a count). */
  prepared?: unknown;
  /** `settings.collector` (the collector's base URL), for widgets that claim a unique coupon code. */
  collector?: string;
  /**
   * Adopts more CSS into the widget's shadow root, after its `styles`, until it closes: for a part
   * whose code it loads later (a block fetched with `import()`). Call it before that part first
   * renders. Given by the renderer (not in headless mode).
   */
  addStyles?(css: string): void;
}

/** A product of the catalog feed (see DESIGN.md "Catalog feed"). */
export interface Product {
  id: string;
  name: string;
  url: string;
  image?: string;
  price: number;
  oldPrice?: number;
  currency?: string;
  category?: string;
  tags?: string[];
  brand?: string;
  inStock?: boolean;
  related?: string[];
  boughtTogether?: string[];
  popularity?: number;
}

/** Where in the page an inline widget goes: next to or into the first element matching `selector`. */
export interface Placement {
  selector: string;
  /** Default "append" (inside, after its children). */
  position?: "append" | "prepend" | "before" | "after";
}

/** Anything with zod's `safeParse` (zod or zod/mini): checks a custom widget's content before it shows. */
export interface ContentSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** How a widget is hosted, whatever draws it. */
// biome-ignore lint/suspicious/noExplicitAny: the default lets widgets of different content types share one registry
export interface WidgetHosting<Content = any> {
  /** CSS for the widget, adopted into Nudge's shadow root (never into the page). */
  styles?: string;
  /** Modal widgets take focus and block the page; only one shows at a time. A function decides by content (a popup's layout). */
  modal?: boolean | ((content: Content) => boolean);
  /** Place the widget in the page instead of Nudge's overlay layer: where, decided by its content. */
  placement?: (content: Content) => Placement | undefined;
  /** Checks a custom widget's `content` before it shows: a failure is reported with its path and the widget skipped. */
  schema?: ContentSchema;
  /**
   * Gets what the widget renders from before it mounts (products from `catalog()`, a count), so it
   * never shows empty: the result reaches the component as `props.prepared`. Resolving `false`
   * means there is nothing to show: the widget is not mounted and not counted as shown. Resolving
   * `{ notShown: "why" }` means the same, for the rest of this page, and explain() gives the reason.
   */
  prepare?(props: WidgetProps<Content>): unknown;
  /**
   * The widget changes the page instead of drawing a box of its own (`content-swap`). Any other
   * widget that has rendered no element and no text once mounted is reported and not counted as shown.
   */
  drawsNothing?: boolean;
}

/**
 * What a widget module exports as its default: the component and how to host it.
 * A full-screen overlay should be `position: fixed` at `left: var(--nudge-vx, 0); top: var(--nudge-vy, 0)`
 * with `width: var(--nudge-vw, 100%); height: var(--nudge-vh, 100%)`: the renderer keeps these equal
 * to the part of the page the visitor actually sees.
 *
 * @example
 * nudge.registerWidget("banner", { component: Banner, styles: ".banner{position:fixed;bottom:0}" });
 */
// biome-ignore lint/suspicious/noExplicitAny: the default lets widgets of different content types share one registry
export interface WidgetDefinition<Content = any> extends WidgetHosting<Content> {
  /** A Preact component, rendered with the runtime's Preact. */
  component: ComponentType<WidgetProps<Content>>;
}

/**
 * A widget drawn by other code than Preact: React through `reactWidget()` from `nudge-sdk/react`,
 * or plain DOM. `mount` renders the widget into `container`, an element in Nudge's shadow root,
 * before it returns (a widget that has drawn nothing by then is not counted as shown) and returns
 * what removes it. An error it throws, or one it hands to `fail` later, is reported and closes the widget.
 *
 * @example
 * nudge.registerWidget("note", {
 *   mount(container, { content, close }) {
 *     const note = container.appendChild(document.createElement("button"));
 *     note.textContent = content.text;
 *     note.onclick = () => close("button");
 *     return () => note.remove();
 *   },
 * });
 */
// biome-ignore lint/suspicious/noExplicitAny: the default lets widgets of different content types share one registry
export interface MountedWidgetDefinition<Content = any> extends WidgetHosting<Content> {
  mount(container: HTMLElement, props: WidgetProps<Content>, fail: (error: unknown) => void): () => void;
}

/** Any widget definition the runtime can host. */
// biome-ignore lint/suspicious/noExplicitAny: the default lets widgets of different content types share one registry
export type AnyWidgetDefinition<Content = any> = WidgetDefinition<Content> | MountedWidgetDefinition<Content>;

/** A lazy loader for a widget module, so its code is fetched only when it is about to show. */
export type WidgetLoader = () => Promise<{ default: AnyWidgetDefinition }>;

/** What `prepare` resolves to when a widget has nothing to show, with the reason explain() gives. */
export interface NotShown {
  notShown: string;
}

/** The reason a `prepare` result means "nothing to show", or undefined when the widget shows. */
export function notShownReason(prepared: unknown): string | undefined {
  if (prepared === false) return "its prepare step found no data";
  const why = prepared && typeof prepared === "object" ? (prepared as Partial<NotShown>).notShown : undefined;
  return typeof why === "string" ? why : undefined;
}
