/*
 * What `nudge init` writes beside the script files: a starter rules file and the snippet to paste.
 * The paths are the layout init makes in the site's folder (its web root).
 */

/** Where the script files go, as a URL path from the site's root. */
export const SCRIPT_DIR = "nudge";
export const RULES_FILE = "nudge-rules.json";
/** What the snippet loads: the rules file published by `nudge build` (its default name beside the source), so browsers skip the validator. */
export const PUBLISHED_RULES_FILE = "nudge-rules.published.json";
export const SNIPPET_FILE = "snippet.html";

/** The rules file's JSON Schema on a public CDN, pinned to this version so editors autocomplete what it validates. */
export const schemaUrl = (version: string) => `https://unpkg.com/nudge-sdk@${version}/dist/rules.schema.json`;

/**
 * One useful campaign that shows on any page with no tracking code: a first-order coupon when the
 * pointer leaves through the top, once a session, a day's rest after "No thanks".
 */
export function starterRules(version: string) {
  return {
    $schema: schemaUrl(version),
    version: 1,
    widgets: [
      {
        id: "exit-coupon",
        type: "popup",
        trigger: { type: "exit_intent", minTimeOnPage: "3s" },
        when: { "orders.count": 0 },
        frequency: { session: 1, cooldown: { afterClosed: "1d" }, stopAfter: ["converted"] },
        goal: { event: "purchase", within: "3d" },
        content: {
          eyebrow: "Before you go",
          title: "10% off your first order",
          text: "Use this code at checkout today.",
          coupon: { code: "WELCOME10" },
          dismiss: "No thanks",
        },
      },
    ],
  };
}

/** The HTML a shop owner pastes into every page's `<head>`. */
export function snippet(version: string): string {
  return `<!-- Nudge ${version}: paste into the <head> of every page. Written by \`npx nudge-sdk init\`. -->
<script>window.nudge = window.nudge || [];</script>
<script async src="/${SCRIPT_DIR}/nudge.js" data-rules="/${PUBLISHED_RULES_FILE}"></script>
<!--
  ${PUBLISHED_RULES_FILE} is ${RULES_FILE} published: after editing ${RULES_FILE}, run
      npx nudge build ${RULES_FILE}
  (it checks the file and writes ${PUBLISHED_RULES_FILE}, which visitors' browsers use without the validator).

  Or load the script from a public CDN instead of /${SCRIPT_DIR}/ (the version stays pinned in the URL):
    src="https://cdn.jsdelivr.net/npm/nudge-sdk@${version}/dist/nudge.js"

  Tell Nudge about the cart where it changes, not in the <head> (there it would run on every page):
  - in your add-to-cart button's click handler:
      nudge.push(["cart.add", { id: "sku-1", name: "Mug", price: 19.9, quantity: 1 }]);
  - or have your server render the whole cart into each page:
      <script>nudge.push(["cart.set", [{ id: "sku-1", name: "Mug", price: 19.9, quantity: 1 }]]);</script>
  - and on the order confirmation page (it empties the cart):
      <script>nudge.push(["purchase", { id: "1001", value: 19.9, currency: "USD" }]);</script>
  Skip all three when your site already sends GA4 ecommerce events to window.dataLayer.
-->
`;
}
