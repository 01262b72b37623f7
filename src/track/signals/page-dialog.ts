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
  const body = doc?.body;
  if (!body) return false;
  try {
    if (body.inert) return true;
    for (const open of doc.querySelectorAll("dialog[open]")) if (isModalDialog(open)) return true;
    for (const el of doc.querySelectorAll('[aria-modal="true"]')) if (onScreen(el, doc)) return true;
  } catch {
    // A page that broke the DOM's methods: decide as if it had no dialog.
  }
  return false;
}

function isModalDialog(el: Element): boolean {
  try {
    return el.matches(":modal");
  } catch {
    return false; // a browser without `:modal` (before 2022): an open <dialog> may be modeless
  }
}

/** Rendered, not `visibility: hidden`, and inside the viewport (a drawer slid out of view is closed). */
function onScreen(el: Element, doc: Document): boolean {
  const check = (el as Element & { checkVisibility?(o: object): boolean }).checkVisibility;
  if (check ? !check.call(el, { visibilityProperty: true, checkVisibilityCSS: true }) : !el.getClientRects().length) return false;
  const box = el.getBoundingClientRect();
  const width = doc.defaultView?.innerWidth || doc.documentElement.clientWidth;
  const height = doc.defaultView?.innerHeight || doc.documentElement.clientHeight;
  return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < width && box.top < height;
}
