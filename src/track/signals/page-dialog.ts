import type { Env } from "../../env/env.js";

/** Why a modal widget is waiting, in explain() and the debug view. */
export const PAGE_DIALOG_BLOCK = "waiting: the page has a dialog open";

/**
 * Whether the page has a modal of its own open: a `<dialog>` opened with `showModal()` (it sits
 * in the top layer, above anything of ours), a visible `[aria-modal="true"]` element (a cart
 * drawer, a cookie dialog, a quick view; Nudge's own are in shadow roots, out of this query's
 * reach) or an inert `<body>`. A popup shown then would be dimmed, unclickable or fight the
 * page's focus trap. Never throws.
 *
 * @example
 * if (pageDialogOpen(env)) return; // try again once the visitor has closed it
 */
export function pageDialogOpen(env: Env): boolean {
  const doc = env.document;
  try {
    return !!doc?.body && (doc.body.inert || some(doc, "dialog[open]", isModalDialog) || some(doc, '[aria-modal="true"]', isRendered));
  } catch {
    return false; // a page that broke the DOM's methods: decide as if it had no dialog
  }
}

const some = (doc: Document, selector: string, test: (el: Element) => boolean) => Array.prototype.some.call(doc.querySelectorAll(selector), test);

function isModalDialog(el: Element): boolean {
  try {
    return el.matches(":modal");
  } catch {
    return false; // a browser without `:modal` (before 2022): an open <dialog> may be modeless
  }
}

/** Rendered and not `visibility: hidden` (a closed drawer is `hidden` or `display: none`). */
const isRendered = (el: Element) =>
  (el as Element & { checkVisibility?(o: object): boolean }).checkVisibility?.({ visibilityProperty: true, checkVisibilityCSS: true }) ?? el.getClientRects().length > 0;
