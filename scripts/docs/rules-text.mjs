// What the rules reference says about each part of the rules file, beside what the schema says.
// The generator (rules-reference.mjs) refuses to run while a field, trigger, operator or widget
// type of the schema has no entry here, and the tests validate every example with the runtime's
// own validator, so the reference cannot drift from what Nudge accepts.

/** What the validator refuses and what the runtime bounds, each with what to do instead (the numbers are the code's: a test compares them). */
export const LIMITS = [
  "`$regex` and `settings.pageTypes` patterns that can backtrack catastrophically are refused, with a rewrite to try: a repeated group that holds a repeat (`(a+)+`, `(\\w+\\.){3}`), repeated alternatives that can start with the same character (`(a|ab)*`, `(\\w|\\d)+`), and two repeats that can eat the same characters one after the other (`\\d+\\d+x`, `.*a.*b`; a `.*` that ends the pattern is fine). The check is conservative: rewrite a refused pattern, e.g. drop a leading `.*` (a `$regex` matches anywhere) or repeat a class that excludes what follows (`[^&]*`).",
  "A `$regex` sees at most the first 2,000 characters of a value; the rest of a longer URL is ignored. A pattern has at most 1,000 characters.",
  "`$in`, `$nin` and `$all` list at most 1,000 values: every page view pays for the list. Mark those visitors with `identify()` traits (or a segment), or tag those products in the catalog feed, and test that instead.",
  "A condition nests at most 20 levels (`$and`, `$or`, `$not`, `$elemMatch`, operators): name the inner parts in `segments`.",
  "A rules file has at most 1,000,000 characters (about 1 MB); a longer one is refused whole. Products belong in the catalog feed (`settings.catalog`).",
  "A trigger waits at most 24 days (`delay`, `inactivity`, `time_on_site`, `exit_intent.minTimeOnPage`): a browser timer past 24.8 days fires at once. To wait between visits, use `frequency.cooldown` or `after` (they have no such limit).",
  "A visitor's profile keeps the 200 most recently seen event names; older names are dropped (counted in the profile's `eventNamesDropped`), so event names must not carry ids: put those in the props.",
];

/** One line per field of the file, by its path in the schema (`[]` stands for "each item"). */
export const FIELDS = {
  $schema: "The JSON Schema, for editor autocomplete: `https://unpkg.com/nudge-sdk/dist/rules.schema.json`.",
  version: "Always `1`.",
  settings: "Defaults and caps for the whole file.",
  "settings.locale": "BCP 47 locale for numbers and dates in widgets (default: the browser's).",
  "settings.currency": "ISO 4217 code of the shop's currency (default `USD`).",
  "settings.quietPeriod": "Keeps widgets apart: none shows within this time of the last one.",
  "settings.maxPerPage": "At most this many widgets per page view, all widgets together.",
  "settings.maxPerSession": "At most this many widgets per visit (a visit ends after 30 minutes idle).",
  "settings.groups": 'Caps per group of widgets: each widget joins one with `"group"`; at most one widget of a group shows per page view.',
  "settings.groups.*": "One group's caps.",
  "settings.groups.*.maxPerSession": "At most this many widgets of the group per visit.",
  "settings.rfm": "RFM score boundaries for `rfm.recency`, `rfm.frequency` and `rfm.monetary` (scores 1–5); an axis left out keeps its defaults.",
  "settings.rfm.recencyDays": "Four ascending day counts since the last order that separate recency scores 5, 4, 3, 2 and 1.",
  "settings.rfm.frequency": "Four ascending order counts that separate frequency scores 1 to 5.",
  "settings.rfm.monetary": "Four ascending amounts spent that separate monetary scores 1 to 5.",
  "settings.traits":
    'Trait names your `identify()` calls set, read as `attributes.<name>` (e.g. `["plan", "company.*"]`; `.*` allows everything under a prefix). The validator warns about other `attributes.` paths. Lead form, survey and chat-bot answers are known without it.',
  "settings.events":
    "Names of your own events (`track(name)`), for `$event`, `goal.event` and the `event` trigger; the validator warns about a name that is neither built in nor listed.",
  "settings.customer":
    "Your own customer-card endpoint (the JSON contract in docs/customer-card.md), asked with the token from `identify(id, traits, { token })` instead of the collector's `/customer`.",
  "settings.guards":
    "Site-wide guards, on by default: no widget offers a coupon code this customer already used, and no discount widget shows on the product page of an item they bought within `boughtWithin`. `false` turns both off; `explain()` names the guard that held a widget back.",
  "settings.guards.usedCoupons": "Hold back every widget whose content offers a code in `customer.couponsUsed` (default true).",
  "settings.guards.boughtWithin":
    'How long after buying an item its product page shows no discount widget (a countdown coupon, a wheel, any widget offering a code): a duration, default "30d"; `false` turns this guard off.',
  "settings.customWidgets": "Widget types you register with `registerWidget()`; a type that is neither built in nor listed is an error (with the closest built-in type).",
  "settings.catalog":
    "The catalog feed for recommendation widgets: a URL (fetched when a widget first needs it) or the products inline. Each product is checked on its own: an invalid one is skipped with a warning naming it (`catalog[3].price`).",
  "settings.holdout":
    "Percent of visitors (a site-wide control group, chosen by visitor id) who see no widget at all; they count as `eligible` for each widget that would have shown, so the report compares Nudge as a whole with no Nudge (conversion, revenue per visitor, average order).",
  "settings.pageTypes": "`page.type` from the page's path: a regular expression per type (home, category, product, cart, checkout).",
  "settings.pageTypes.*": "A regular expression tested against `page.path`.",
  "settings.collector":
    "The Nudge collector's base URL (`nudge collect`), absolute or relative to the page: unique coupon codes (`coupon.pool`), server-drawn wheels (`wheel`) and the customer card (`/customer`) come from it (see docs/coupons.md and docs/customer-card.md).",
  segments: 'Named conditions, used in `when` as `{"$segment": "name"}`; a segment may use other segments, but not in a circle.',
  "segments.*": "A condition over the facts (see Conditions).",
  widgets: "The widgets: when each shows, how often, and what it says. A widget with a problem is skipped; the others run.",
  "widgets[].id": "Unique name, used by `show()`, `explain()`, `after` and in every event.",
  "widgets[].type": "The widget type: a built-in one (below) or one registered with `registerWidget()`.",
  "widgets[].trigger": "The moment it may show (default `page_view`). See Triggers.",
  "widgets[].when": "Who sees it: a condition over the facts. See Conditions.",
  "widgets[].frequency": "How often, at most. See Caps.",
  "widgets[].after": "A follow-up: it shows only once another widget was shown long enough ago.",
  "widgets[].after.widget": "The id of the widget this one follows.",
  "widgets[].after.shownAtLeast": "How long after that widget was last shown.",
  "widgets[].after.notConverted": "Only if that widget has not converted since it was shown.",
  "widgets[].priority": "Among widgets due at the same moment, the highest wins (default 0).",
  "widgets[].group": "The group it belongs to (see `settings.groups`): one widget of a group per page view.",
  "widgets[].schedule": "When it may show, in the visitor's time zone.",
  "widgets[].schedule.start": 'First day (`"2026-12-01"`) or minute (`"2026-12-01T09:00"`), inclusive.',
  "widgets[].schedule.end": "Last day or minute, inclusive.",
  "widgets[].schedule.weekdays": "Days of the week: 0 = Sunday … 6 = Saturday.",
  "widgets[].schedule.hours": "Hours of the day: `from` up to (not including) `to`; `from` > `to` spans midnight.",
  "widgets[].schedule.hours.from": "First hour, 0–23.",
  "widgets[].schedule.hours.to": "The hour it stops, 0–24.",
  "widgets[].content": "What it says: the fields of its type (see Widget types). Any text may hold `{{fact.path|fallback}}`.",
  "widgets[].variants": "Instead of `content`: an A/B test. Each visitor gets one variant by weight, and keeps it.",
  "widgets[].variants[].id": 'The variant\'s name, reported in every event (`"holdout"` is reserved).',
  "widgets[].variants[].weight": "Its share of the visitors (default 1).",
  "widgets[].variants[].content": "Its content, as `content`.",
  "widgets[].variants[].trigger": "Its own trigger (the moment, the delay), in place of the widget's: an experiment on when, not only on what. See Triggers.",
  "widgets[].variants[].frequency": "Its own caps, in place of the widget's: an experiment on how often. See Caps.",
  "widgets[].holdout": "Percent of visitors (a control group) who never see it; they count as `eligible`, to measure the uplift.",
  "widgets[].goal": "What counts as a conversion: a tracked event within a time after the widget was shown.",
  "widgets[].goal.event": "The event's name, e.g. `purchase`.",
  "widgets[].goal.where": 'A condition on the event: `{ "name": …, "props": {…} }`.',
  "widgets[].goal.within": 'How long after the widget was shown (default `"7d"`).',
};

/** Every trigger: what it waits for, and an example `trigger`. */
export const TRIGGERS = {
  page_view: { text: "As soon as the page is viewed (the default). Single-page-app navigations count.", example: "page_view" },
  manual: { text: "Only when your code calls `nudge.show(id)`.", example: "manual" },
  exit_intent: {
    text: "The visitor is about to leave: the pointer leaves through the top of the window (desktop); a fast scroll up or coming back to the tab after 30 s away (touch). `sensitivity` (px from the top, default 20), `minTimeOnPage`, `mobile: false` to stay off on touch devices.",
    example: { type: "exit_intent", minTimeOnPage: "5s" },
  },
  delay: { text: "After this long on the page (visible time).", example: { type: "delay", after: "8s" } },
  scroll: { text: "Once the visitor scrolled this far down the page: `percent` or `px`.", example: { type: "scroll", percent: 60 } },
  inactivity: { text: "After this long without input (no pointer, key, scroll or touch).", example: { type: "inactivity", after: "45s" } },
  time_on_site: { text: "After this much time on the site in this visit, across pages.", example: { type: "time_on_site", after: "3m" } },
  click: { text: "When the visitor clicks an element matching the CSS selector.", example: { type: "click", selector: "#size-guide" } },
  visible: {
    text: "When an element matching the selector comes into view (`threshold`: the share of it visible, default 0.5).",
    example: { type: "visible", selector: "#reviews", threshold: 0.6 },
  },
  form_submit: { text: "When a form matching the selector is submitted.", example: { type: "form_submit", selector: "#newsletter" } },
  event: {
    text: "When an event is tracked (`track()`, cart helpers, dataLayer), optionally only when its props match `where`.",
    example: { type: "event", name: "search", where: { "props.results": 0 } },
  },
};

/** Every operator of a condition: what it tests, and an example condition. */
export const OPERATORS = {
  $and: { text: "All of the conditions hold.", example: { $and: [{ "cart.count": { $gte: 1 } }, { "orders.count": 0 }] } },
  $or: { text: "At least one holds.", example: { $or: [{ "visitor.device": "mobile" }, { "visitor.device": "tablet" }] } },
  $nor: { text: "None holds.", example: { $nor: [{ "page.type": "checkout" }, { "page.type": "cart" }] } },
  $not: { text: "Negates a condition (at the top) or an operator (on a field).", example: { "page.path": { $not: { $regex: "^/checkout" } } } },
  $segment: { text: "The visitor is in a named segment of the file.", example: { $segment: "browsing" } },
  $event: {
    text: "Event history: `name`, `within` a time window, `count`, `where` on its props, `lastWithin`, `notWithin`.",
    example: { $event: { name: "add_to_cart", within: "7d", count: { $gte: 2 } } },
  },
  $eq: { text: "Equal (the same as writing the value itself).", example: { "visitor.device": { $eq: "mobile" } } },
  $ne: { text: "Not equal.", example: { "visitor.source.channel": { $ne: "paid" } } },
  $gt: { text: "Greater than.", example: { "cart.value": { $gt: 0 } } },
  $gte: { text: "Greater than or equal.", example: { "visitor.pagesThisSession": { $gte: 2 } } },
  $lt: { text: "Less than.", example: { "cart.value": { $lt: 60 } } },
  $lte: { text: "Less than or equal.", example: { "rfm.recency": { $lte: 2 } } },
  $in: { text: "One of the values (for an array field: any item is one of them).", example: { "rfm.segment": { $in: ["at_risk", "hibernating"] } } },
  $nin: { text: "None of the values.", example: { "page.path": { $nin: ["/checkout", "/thanks"] } } },
  $ini: {
    text: "One of the values, ignoring upper and lower case (GrowthBook's `$ini`): `Google` matches `google`.",
    example: { "page.utm.source": { $ini: ["google", "bing"] } },
  },
  $nini: { text: "None of the values, ignoring case.", example: { "page.utm.medium": { $nini: ["cpc", "ppc"] } } },
  $all: { text: "An array field holds all the values.", example: { "viewed.categories": { $all: ["coffee", "ceramics"] } } },
  $alli: { text: "An array field holds all the values, ignoring case.", example: { "viewed.categories": { $alli: ["Coffee", "Ceramics"] } } },
  $size: { text: "An array field has this many items (or a nested operator on the count).", example: { "cart.items": { $size: { $gte: 3 } } } },
  $elemMatch: { text: "An item of an array field matches the condition.", example: { "cart.items": { $elemMatch: { category: "coffee", price: { $gte: 20 } } } } },
  $exists: { text: "The field is there (`true`) or missing (`false`).", example: { "attributes.email": { $exists: false } } },
  $type: { text: "The field's JSON type: string, number, boolean, array, object, null.", example: { "attributes.birthday": { $type: "string" } } },
  $regex: {
    text: "A string field matches the regular expression (its first 2,000 characters). A pattern that could backtrack for seconds on a crafted URL is refused: see Limits.",
    example: { "page.path": { $regex: "^/shop/product" } },
  },
  $regexi: { text: "Like `$regex`, ignoring case (the `i` flag).", example: { "page.utm.campaign": { $regexi: "black.?friday" } } },
  $veq: { text: "Version equal (`1.2.0` = `1.2`), for app or theme versions.", example: { "attributes.appVersion": { $veq: "2.1.0" } } },
  $vne: { text: "Version not equal.", example: { "attributes.appVersion": { $vne: "2.1.0" } } },
  $vgt: { text: "Version greater than.", example: { "attributes.appVersion": { $vgt: "2.0.9" } } },
  $vgte: { text: "Version greater than or equal.", example: { "attributes.appVersion": { $vgte: "2.1" } } },
  $vlt: { text: "Version less than.", example: { "attributes.appVersion": { $vlt: "3.0" } } },
  $vlte: { text: "Version less than or equal.", example: { "attributes.appVersion": { $vlte: "2.9.9" } } },
  $olderThan: { text: "A timestamp is more than this long ago.", example: { "visitor.firstSeen": { $olderThan: "30d" } } },
  $newerThan: { text: "A timestamp is at most this long ago.", example: { "orders.last.time": { $newerThan: "14d" } } },
  $daysUntil: {
    text: "Days until a yearly date (YYYY-MM-DD or MM-DD, the year ignored) comes round again, 0 on the day; 29 February falls on the 28th in other years.",
    example: { "customer.birthday": { $daysUntil: { $lte: 7 } } },
  },
  $boughtWithin: { text: "An item id the customer bought within this long (customer.bought).", example: { "viewed.last.id": { $boughtWithin: "30d" } } },
};

/** Every cap: what it limits, and an example (a `frequency`, or `settings`). */
export const CAPS = {
  "frequency.session": { text: "At most this many shows per visit.", frequency: { session: 1 } },
  "frequency.day": { text: "At most this many shows per calendar day.", frequency: { day: 2 } },
  "frequency.total": { text: "At most this many shows ever, for this visitor.", frequency: { total: 3 } },
  "frequency.cooldown.afterShown": { text: "Wait this long after it was last shown.", frequency: { cooldown: { afterShown: "12h" } } },
  "frequency.cooldown.afterClosed": { text: "Wait this long after it was last closed (any way).", frequency: { cooldown: { afterClosed: "1d" } } },
  "frequency.cooldown.afterConverted": { text: "Wait this long after it last converted.", frequency: { cooldown: { afterConverted: "30d" } } },
  "frequency.stopAfter": {
    text: 'Never again once it converted, or once the visitor dismissed it (×, Esc, backdrop, "no thanks"; a call to action is not a dismissal).',
    frequency: { stopAfter: ["converted", "dismissed"] },
  },
  "settings.quietPeriod": { text: "No widget within this long of the last one.", settings: { quietPeriod: "30s" } },
  "settings.maxPerPage": { text: "At most this many widgets per page view.", settings: { maxPerPage: 1 } },
  "settings.maxPerSession": { text: "At most this many widgets per visit.", settings: { maxPerSession: 3 } },
  "settings.groups.*.maxPerSession": { text: "At most this many widgets of one group per visit.", settings: { groups: { promo: { maxPerSession: 1 } } } },
};

/** Every built-in widget type: what it is, and an example `content`. */
export const WIDGET_TYPES = {
  popup: {
    text: 'A popup in one of six layouts (`modal`, `slide-in`, `top-bar`, `bottom-bar`, `fullscreen`, `inline`), with an optional teaser tab: eyebrow, title, text, image, countdown, coupon, buttons, a lead form, a call to action (a link, or `close`/`convert`) and a "no thanks" link. Keyboard and screen-reader ready, phone-friendly.',
    content: {
      eyebrow: "Welcome",
      title: "10% off your first order",
      text: "Use code WELCOME10, {{attributes.firstName|friend}}.",
      image: { src: "/img/offer.jpg", alt: "A cup of coffee" },
      cta: { label: "Shop now", href: "/shop" },
      dismiss: "No thanks",
    },
  },
  "countdown-coupon": {
    text: "A compact bar or slide-in with a ticking countdown (a fixed deadline, or an evergreen one per visitor that survives reloads and tabs) and a coupon code to copy.",
    content: {
      title: "15% off everything in your cart",
      text: "Just for you, for the next 30 minutes.",
      countdown: { evergreen: "30m" },
      coupon: { code: "SAVE15" },
      cta: { label: "Go to cart", href: "/shop/cart.html" },
    },
  },
  "social-proof": {
    text: 'A small toast with a real number from the catalog feed, e.g. "12 people bought this today" (plural forms per language). Shows nothing without data.',
    content: { metric: "soldToday", min: 3, duration: 8, position: "bottom-left", closeLabel: "Close" },
  },
  nps: {
    text: "A 0–10 survey with a follow-up question per group (detractor, passive, promoter); answers become profile attributes.",
    content: {
      question: "How likely are you to recommend Fernhouse to a friend?",
      lowLabel: "Not likely",
      highLabel: "Very likely",
      followUp: {
        detractor: "Sorry about that. What should we do better?",
        passive: "Thanks! What would make it a 10?",
        promoter: "Thank you! What do you love most about Fernhouse?",
      },
      thanks: { title: "Thank you, {{attributes.firstName|friend}}!", text: "Every answer is read by our roasters." },
      attribute: "nps",
      closeLabel: "Close survey",
    },
  },
  wheel: {
    text: "Spin-to-win: segments with weights, one spin per visitor (the result is kept), an optional email before the spin, the prize as a coupon code to copy.",
    content: {
      title: "Before you go: spin for a treat",
      text: "One spin per visitor. Every prize is a code for your first order.",
      segments: [
        { label: "10% off", code: "SPIN10", weight: 30 },
        { label: "No luck", weight: 25 },
        { label: "Free shipping", code: "SHIPFREE", weight: 25 },
        { label: "Try again", weight: 10 },
        { label: "15% off", code: "SPIN15", weight: 9 },
        { label: "Free mug", code: "MUGLOVE", weight: 1 },
      ],
      requireEmail: true,
      emailLabel: "Your email",
      consent: "I agree to receive Fernhouse emails and to the processing of my personal data.",
      spinLabel: "Spin the wheel",
      win: { title: "You won {prize}!", text: "Your code works on your first order for 7 days." },
      lose: { title: "Not this time", text: "Thanks for playing. Our House Blend is a safe bet anyway." },
      cta: { label: "Start shopping", href: "/shop/category.html" },
      closeLabel: "Close the wheel",
    },
  },
  "content-swap": {
    text: "Fills a page element (text, a link's href, an image) for landing-page adaptation; as text only, restored on hide.",
    content: { selector: "#hero h1", text: "Welcome, Anna's readers." },
  },
  carousel: {
    text: "Product recommendations from the catalog feed (recently viewed, similar, bought together, cart cross-sell, popular in category, upsell, a personal mix), inline in the page or in a popup; swipe, arrows and keyboard; add to cart through the site's handler.",
    content: { strategy: "similar", title: "You may also like", placement: { selector: "#also-like" }, maxItems: 10 },
  },
  "push-ask": {
    text: 'A soft ask for web push in the shop\'s words, in a corner card: only "yes" opens the browser\'s notification prompt; after "no" (or ×) it waits `askAgainAfter` (default 30 days). Browsers without notifications, or already answered, never see it. Facts `push.permission` (default, granted, denied, unsupported), `push.asked`, `push.lastAsked`, `push.declined`; the outcome goes to `nudge.on("push")` for the shop\'s push provider (Nudge ships no push server); "granted" converts it.',
    content: {
      title: "New roasts, first",
      text: "One notification when a new roast lands. No spam, off at any time.",
      yesLabel: "Yes, notify me",
      noLabel: "Not now",
      askAgainAfter: "30d",
      granted: { title: "You're in", text: "We'll let you know about new roasts." },
    },
  },
  compare: {
    text: 'The products the visitor viewed in one category (default: the category of the last one viewed) side by side in a modal, a row per field of the catalog feed (dotted keys reach nested ones), the lowest price marked. With fewer than two it shows nothing and is not counted. Add to cart emits the carousel\'s `action` ("add_to_cart").',
    content: { title: "Still choosing? Compare them", rows: ["price", "brand", { key: "tags", label: "Notes" }, "inStock"], maxItems: 3 },
  },
  survey: {
    text: 'Questions one at a time: single and multiple choice, a 1–5 rating (numbers for CSAT, five faces named in the visitor\'s language with `"scale": "faces"`, or stars), short text; branching by answer (`next` on an option, `branches` on a rating); progress shown; resumed after a reload; not shown again once finished. Answers become the facts `survey.<widget id>.<question id>` and `answer` events. The validator names branches to missing questions and questions never reached.',
    content: {
      title: "Two quick questions",
      questions: [
        { id: "ease", type: "rating", scale: "faces", text: "How easy was it to order?", branches: [{ max: 3, next: "trouble" }], next: "source" },
        { id: "trouble", type: "text", text: "What got in the way?" },
        {
          id: "source",
          type: "single",
          text: "How did you hear about us?",
          options: [
            { label: "Search", value: "search" },
            { label: "A friend", value: "friend" },
          ],
        },
      ],
      thanks: { title: "Thank you!" },
    },
  },
  chatbot: {
    text: "A launcher with a proactive message, then a scripted dialogue from the rules: quick replies, free text, email and phone fields, branches on answers and facts, hand-off to the site; it resumes after a reload.",
    content: {
      name: "Fernhouse",
      start: "hello",
      nodes: {
        hello: {
          type: "choice",
          say: "Hi! Can I help you choose?",
          replies: [
            { label: "Yes please", next: "email" },
            { label: "Just looking", next: "bye" },
          ],
        },
        email: { type: "ask", say: "Leave your email and I'll send you 10% off.", input: "email", lead: true, next: "sent" },
        sent: { type: "end", say: "Done! Check your inbox." },
        bye: { type: "end", say: "Happy browsing!" },
      },
    },
  },
};
