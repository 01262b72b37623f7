// Fernhouse demo shop. Plain ES module, no framework, no build step.
//
// The shop keeps its own cart in localStorage and tells Nudge what happens
// through Nudge's command queue (`window.nudge.push([...])`). Everything here
// keeps working when Nudge is missing, slow, or broken.

window.nudge = window.nudge || [];

const CART_KEY = "fernhouse-cart";
const ORDERS_KEY = "fernhouse-orders";
const REPORTED_KEY = "fernhouse-reported-orders";
const FREE_SHIPPING_FROM = 60;
/** Discount codes the shop accepts at checkout (percent off the subtotal). */
const PROMO_CODES = { WELCOME10: 10, BEANS10: 10 };
const SHIPPING_FEE = 6;
const MAX_QTY = 20;

const CATEGORIES = {
  all: { title: "Shop all", description: "Everything we roast, blend and make, in one place." },
  coffee: { title: "Coffee", description: "Small-batch roasts, roasted every Monday in Portland and shipped within days." },
  tea: { title: "Tea", description: "Loose-leaf teas and matcha from family gardens, blended in small lots." },
  ceramics: { title: "Ceramics", description: "Mugs, bowls and teapots thrown by hand in our studio." },
  brewing: { title: "Brewing", description: "Kettles, drippers, presses and grinders we use at our own bar." },
  gifts: { title: "Gifts", description: "Thoughtful sets and gift cards for the coffee and tea people in your life." },
};

// ---------------------------------------------------------------- Nudge

/** Send one command to Nudge. Nudge may be the pre-load queue (an array) or the running instance. */
function tell(...command) {
  try {
    const queue = window.nudge;
    if (queue && typeof queue.push === "function") queue.push(command);
  } catch (error) {
    // Personalization must never break the shop.
    console.warn("[fernhouse] nudge command failed", command[0], error);
  }
}

// The chatbot's "Talk to a roaster" hands over to the shop: a real shop would open its live chat here.
tell("on", "action", (event) => {
  if (event.name === "open_chat") showToast("A roaster will write back to you here within the hour.");
});

const nudgeItem = (line) => ({
  id: line.id,
  name: line.name,
  price: line.price,
  quantity: line.quantity,
  category: line.category,
});

// Nudge's widgets ask the shop to act: the recommendation carousel's "Add to cart" buttons
// (`props.action("add_to_cart", { id, price, name })`) arrive here and go through the shop's own cart.
let redrawCart = null;
tell("on", "action", (event) => {
  if (event.name !== "add_to_cart" || typeof event.payload?.id !== "string") return;
  loadCatalog()
    .then((catalog) => {
      const product = byId(catalog).get(event.payload.id);
      if (!product || product.inStock === false) return;
      addToCart(product, 1);
      redrawCart?.();
    })
    .catch((error) => console.warn("[fernhouse] could not add to cart", error));
});

// ---------------------------------------------------------------- storage

const memory = new Map();
const storage = {
  get(key, fallback) {
    let raw = null;
    try {
      raw = window.localStorage.getItem(key);
    } catch {
      raw = memory.has(key) ? memory.get(key) : null;
    }
    if (raw == null) return fallback;
    try {
      return JSON.parse(raw);
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    const raw = JSON.stringify(value);
    try {
      window.localStorage.setItem(key, raw);
    } catch {
      memory.set(key, raw);
    }
  },
};

// ---------------------------------------------------------------- catalog

let catalogPromise = null;
function loadCatalog() {
  if (!catalogPromise) {
    catalogPromise = fetch("/shop/products.json", { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`products.json: HTTP ${response.status}`);
        return response.json();
      })
      .then((list) => (Array.isArray(list) ? list.filter((p) => p && typeof p.id === "string") : []));
  }
  return catalogPromise;
}
const byId = (catalog) => new Map(catalog.map((p) => [p.id, p]));

// ---------------------------------------------------------------- cart

function readCart() {
  const raw = storage.get(CART_KEY, []);
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((l) => l && typeof l.id === "string" && Number.isFinite(l.price))
    .map((l) => ({
      id: l.id,
      name: String(l.name ?? l.id),
      price: Number(l.price),
      quantity: clampQty(l.quantity),
      category: String(l.category ?? ""),
    }));
}
function writeCart(lines) {
  storage.set(CART_KEY, lines);
  updateCartCount(lines);
}
function clampQty(value) {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, MAX_QTY);
}
const cartCount = (lines) => lines.reduce((sum, l) => sum + l.quantity, 0);
const cartSubtotal = (lines) => round2(lines.reduce((sum, l) => sum + l.price * l.quantity, 0));
const shippingFor = (subtotal) => (subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE);
const round2 = (n) => Math.round(n * 100) / 100;

function addToCart(product, quantity) {
  const qty = clampQty(quantity);
  const lines = readCart();
  const existing = lines.find((l) => l.id === product.id);
  if (existing) existing.quantity = Math.min(existing.quantity + qty, MAX_QTY);
  else lines.push({ id: product.id, name: product.name, price: product.price, quantity: qty, category: product.category });
  writeCart(lines);
  tell("cart.add", { id: product.id, name: product.name, price: product.price, quantity: qty, category: product.category });
  showToast(`Added ${qty > 1 ? `${qty} × ` : ""}${product.name} to your cart.`, { href: "/shop/cart.html", text: "View cart" });
}

function updateCartCount(lines = readCart()) {
  const count = cartCount(lines);
  const badge = document.getElementById("cart-count");
  if (badge) {
    badge.textContent = String(count);
    badge.dataset.count = String(count);
  }
  const link = document.getElementById("cart-link");
  if (link) link.setAttribute("aria-label", `Cart, ${count} ${count === 1 ? "item" : "items"}`);
}

// ---------------------------------------------------------------- DOM helpers

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
const $ = (id) => document.getElementById(id);
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const fmt = (n) => money.format(n);
const discount = (p) => (p.oldPrice && p.oldPrice > p.price ? Math.round((1 - p.price / p.oldPrice) * 100) : 0);

function priceBlock(p, cls = "") {
  return h(
    "span",
    { class: `price-block ${cls}`.trim() },
    h("span", { class: "price" }, fmt(p.price)),
    p.oldPrice && p.oldPrice > p.price ? [" ", h("s", { class: "old-price" }, h("span", { class: "visually-hidden" }, "was "), fmt(p.oldPrice))] : null,
  );
}

function productCard(p) {
  const off = discount(p);
  return h(
    "article",
    { class: `product-card${p.inStock === false ? " is-sold-out" : ""}`, dataset: { productId: p.id, category: p.category } },
    h(
      "a",
      { class: "product-card__link", href: p.url },
      h(
        "div",
        { class: "product-card__media" },
        h("img", { src: p.image, alt: p.name, width: 480, height: 480, loading: "lazy", decoding: "async" }),
        p.inStock === false
          ? h("span", { class: "badge badge--muted" }, "Sold out")
          : off
            ? h("span", { class: "badge badge--sale" }, `Save ${off}%`)
            : (p.tags || []).includes("bestseller")
              ? h("span", { class: "badge" }, "Bestseller")
              : null,
      ),
      h(
        "div",
        { class: "product-card__body" },
        h("p", { class: "product-card__brand" }, p.brand),
        h("h3", { class: "product-card__name" }, p.name),
        h("p", { class: "product-card__price" }, priceBlock(p)),
      ),
    ),
    h(
      "button",
      {
        type: "button",
        class: "product-card__add",
        disabled: p.inStock === false,
        "aria-label": p.inStock === false ? `${p.name} is sold out` : `Add ${p.name} to cart`,
        onclick: () => addToCart(p, 1),
      },
      p.inStock === false ? "Sold out" : "Add to cart",
    ),
  );
}

function fillGrid(container, products, emptyText) {
  if (!container) return;
  container.replaceChildren(...products.map(productCard));
  if (!products.length && emptyText) container.append(h("p", { class: "grid-empty" }, emptyText));
  container.removeAttribute("aria-busy");
}

function pick(ids, index, exclude = new Set()) {
  return (ids || []).map((id) => index.get(id)).filter((p) => p && !exclude.has(p.id));
}

let toastTimer = 0;
function showToast(message, action) {
  const toast = $("toast");
  if (!toast) return;
  toast.replaceChildren(h("span", {}, message), action ? h("a", { href: action.href }, action.text) : null);
  toast.hidden = false;
  // Restart the entry animation.
  toast.classList.remove("is-visible");
  void toast.offsetWidth;
  toast.classList.add("is-visible");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toast.classList.remove("is-visible");
    toast.hidden = true;
  }, 3500);
}

function showLoadError(container) {
  if (!container) return;
  container.removeAttribute("aria-busy");
  container.replaceChildren(
    h("div", { class: "empty-state" }, h("h2", {}, "The shelves are being restocked"), h("p", {}, "We couldn't load our products just now. Please refresh the page in a moment.")),
  );
}

function markActiveNav(category) {
  for (const link of document.querySelectorAll("#main-nav a, #category-chips a")) {
    if (link.dataset.category === category) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

// ---------------------------------------------------------------- pages

async function renderHome() {
  let catalog;
  try {
    catalog = await loadCatalog();
  } catch {
    showLoadError($("featured-grid"));
    $("deals")?.setAttribute("hidden", "");
    return;
  }
  const featured = catalog
    .filter((p) => p.inStock !== false)
    .sort((a, b) => b.popularity - a.popularity)
    .slice(0, 8);
  fillGrid($("featured-grid"), featured);
  const deals = catalog.filter((p) => discount(p) && p.inStock !== false).slice(0, 4);
  if (deals.length) fillGrid($("deals-grid"), deals);
  else $("deals")?.setAttribute("hidden", "");
}

async function renderCategory() {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") || "").trim();
  const requested = (params.get("c") || "").trim().toLowerCase();
  const category = requested && !query ? requested : "all";
  const meta = CATEGORIES[category];
  markActiveNav(query ? null : category);

  const title = query ? `Results for “${query}”` : meta ? meta.title : "Category not found";
  $("category-title").textContent = title;
  $("breadcrumb-current").textContent = query ? "Search" : meta ? meta.title : "Not found";
  $("category-description").textContent = query
    ? "Products whose name, description or tags match your search."
    : meta
      ? meta.description
      : "We don't have a category by that name. Here is everything else we make.";
  document.title = `${query ? "Search" : meta ? meta.title : "Shop"} — Fernhouse`;
  const searchInput = $("search-input");
  if (searchInput && query) searchInput.value = query;

  let catalog;
  try {
    catalog = await loadCatalog();
  } catch {
    showLoadError($("product-grid"));
    return;
  }

  let products = catalog;
  if (query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    products = catalog.filter((p) => {
      const text = [p.name, p.brand, p.category, p.description, ...(p.tags || [])].join(" ").toLowerCase();
      return words.every((w) => text.includes(w));
    });
    tell("track", "search", { query, results: products.length });
  } else if (meta && category !== "all") {
    products = catalog.filter((p) => p.category === category);
  }

  const sortSelect = $("sort");
  const render = () => {
    const sorted = [...products];
    const mode = sortSelect ? sortSelect.value : "popular";
    if (mode === "price-asc") sorted.sort((a, b) => a.price - b.price);
    else if (mode === "price-desc") sorted.sort((a, b) => b.price - a.price);
    else if (mode === "name") sorted.sort((a, b) => a.name.localeCompare(b.name));
    else sorted.sort((a, b) => b.popularity - a.popularity);
    // Sold-out items go last whatever the order.
    sorted.sort((a, b) => Number(a.inStock === false) - Number(b.inStock === false));
    fillGrid($("product-grid"), sorted, query ? "Nothing matches that search. Try “mug”, “matcha” or “espresso”." : "Nothing here yet.");
    $("result-count").textContent = `${sorted.length} ${sorted.length === 1 ? "product" : "products"}`;
  };
  sortSelect?.addEventListener("change", render);
  render();
}

async function renderProduct() {
  const id = new URLSearchParams(location.search).get("id") || "";
  const section = $("product");
  let catalog;
  try {
    catalog = await loadCatalog();
  } catch {
    showLoadError(section);
    return;
  }
  const index = byId(catalog);
  const p = index.get(id);
  section.removeAttribute("aria-busy");
  if (!p) {
    document.title = "Product not found — Fernhouse";
    $("breadcrumb-current").textContent = "Not found";
    section.replaceChildren(
      h(
        "div",
        { class: "empty-state" },
        h("h1", {}, "We couldn't find that product"),
        h("p", {}, "It may have sold out for good, or the link is mistyped."),
        h("a", { class: "button button--primary", href: "/shop/category.html" }, "Browse the shop"),
      ),
    );
    return;
  }

  const meta = CATEGORIES[p.category];
  document.title = `${p.name} — Fernhouse`;
  markActiveNav(p.category);
  const crumb = $("breadcrumb-category");
  crumb.textContent = meta ? meta.title : p.category;
  crumb.href = `/shop/category.html?c=${encodeURIComponent(p.category)}`;
  $("breadcrumb-current").textContent = p.name;
  section.dataset.productId = p.id;
  section.dataset.category = p.category;

  const img = $("product-image");
  img.src = p.image;
  img.alt = p.name;
  img.hidden = false;
  $("product-brand").textContent = p.brand;
  $("product-title").textContent = p.name;
  const off = discount(p);
  $("product-price").replaceChildren(priceBlock(p, "price-block--lg"), off ? h("span", { class: "badge badge--sale" }, `Save ${off}%`) : null);
  const stock = $("stock-status");
  stock.textContent = p.inStock === false ? "Sold out — back soon" : "In stock, ships in 1–2 days";
  stock.classList.toggle("stock--out", p.inStock === false);
  $("product-description").textContent = p.description || "";
  $("product-tags").replaceChildren(...(p.tags || []).map((t) => h("li", {}, h("a", { href: `/shop/category.html?q=${encodeURIComponent(t)}` }, t))));

  const qty = $("quantity");
  const button = $("add-to-cart");
  const form = $("add-to-cart-form");
  const soldOut = p.inStock === false;
  button.disabled = soldOut;
  button.textContent = soldOut ? "Sold out" : "Add to cart";
  qty.disabled = soldOut;
  $("qty-minus").disabled = soldOut;
  $("qty-plus").disabled = soldOut;
  const step = (delta) => {
    qty.value = String(clampQty(Number(qty.value) + delta));
  };
  $("qty-minus").addEventListener("click", () => step(-1));
  $("qty-plus").addEventListener("click", () => step(1));
  qty.addEventListener("change", () => step(0));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (soldOut) return;
    step(0);
    addToCart(p, Number(qty.value));
    qty.value = "1";
  });

  const together = pick(p.boughtTogether, index, new Set([p.id]));
  if (together.length) {
    fillGrid($("bought-together-grid"), together);
    $("bought-together").hidden = false;
  }
  // "You may also like" is Nudge's carousel (rules.json, widget "also-like"), placed in #also-like.

  tell("track", "view_item", { id: p.id, name: p.name, price: p.price, category: p.category });
}

async function renderCart() {
  let index = new Map();
  try {
    index = byId(await loadCatalog());
  } catch {
    // The cart works from its own snapshot of names and prices.
  }
  const itemsEl = $("cart-items");

  const sendCart = (lines) => tell("cart.set", lines.map(nudgeItem));

  const draw = () => {
    const lines = readCart();
    const empty = lines.length === 0;
    $("cart").hidden = empty;
    $("cart").removeAttribute("aria-busy");
    $("cart-empty").hidden = !empty;
    $("cart-title").textContent = empty ? "Your cart" : `Your cart (${cartCount(lines)})`;

    itemsEl.replaceChildren(
      ...lines.map((line) => {
        const p = index.get(line.id);
        const url = p ? p.url : `/shop/product.html?id=${encodeURIComponent(line.id)}`;
        const qtyId = `qty-${line.id}`;
        const setQty = (value) => {
          const all = readCart();
          const target = all.find((l) => l.id === line.id);
          if (!target) return;
          const next = clampQty(value);
          if (next === target.quantity) {
            draw();
            return;
          }
          target.quantity = next;
          writeCart(all);
          sendCart(all);
          draw();
          document.getElementById(qtyId)?.focus();
        };
        return h(
          "article",
          { class: "cart-line", dataset: { productId: line.id, category: line.category } },
          h(
            "a",
            { class: "cart-line__media", href: url, tabindex: "-1", "aria-hidden": "true" },
            h("img", { src: p ? p.image : `/shop/images/${line.id}.svg`, alt: "", width: 96, height: 96 }),
          ),
          h(
            "div",
            { class: "cart-line__info" },
            h("a", { class: "cart-line__name", href: url }, line.name),
            h("p", { class: "cart-line__unit" }, `${fmt(line.price)} each`),
            h(
              "button",
              {
                type: "button",
                class: "cart-line__remove link-button",
                "aria-label": `Remove ${line.name} from cart`,
                onclick: () => {
                  writeCart(readCart().filter((l) => l.id !== line.id));
                  tell("cart.remove", line.id);
                  draw();
                },
              },
              "Remove",
            ),
          ),
          h(
            "div",
            { class: "qty qty--sm" },
            h(
              "button",
              { type: "button", class: "qty__btn", "aria-label": `Decrease quantity of ${line.name}`, disabled: line.quantity <= 1, onclick: () => setQty(line.quantity - 1) },
              "−",
            ),
            h("label", { class: "visually-hidden", for: qtyId }, `Quantity of ${line.name}`),
            h("input", {
              id: qtyId,
              class: "cart-line__qty",
              type: "number",
              inputmode: "numeric",
              min: 1,
              max: MAX_QTY,
              value: line.quantity,
              onchange: (e) => setQty(e.target.value),
            }),
            h(
              "button",
              {
                type: "button",
                class: "qty__btn",
                "aria-label": `Increase quantity of ${line.name}`,
                disabled: line.quantity >= MAX_QTY,
                onclick: () => setQty(line.quantity + 1),
              },
              "+",
            ),
          ),
          h("p", { class: "cart-line__total" }, fmt(round2(line.price * line.quantity))),
        );
      }),
    );

    const subtotal = cartSubtotal(lines);
    const shipping = shippingFor(subtotal);
    $("cart-subtotal").textContent = fmt(subtotal);
    $("cart-shipping").textContent = empty ? "—" : shipping ? fmt(shipping) : "Free";
    $("cart-total").textContent = fmt(round2(subtotal + shipping));
    const missing = round2(FREE_SHIPPING_FROM - subtotal);
    $("free-shipping-text").textContent = missing > 0 ? `You're ${fmt(missing)} away from free shipping.` : "Nice — your order ships free.";
    $("free-shipping-bar").style.width = `${Math.min(100, (subtotal / FREE_SHIPPING_FROM) * 100)}%`;
    $("free-shipping").classList.toggle("is-complete", missing <= 0);
    // "Goes well with your order" is Nudge's cart cross-sell carousel, placed in #cart-cross-sell.
  };

  // Adding from Nudge's cross-sell carousel changes the cart under us.
  redrawCart = draw;
  window.addEventListener("storage", (event) => {
    if (event.key === CART_KEY) draw();
  });
  draw();
}

function summaryLines(list, lines, index) {
  list.replaceChildren(
    ...lines.map((line) => {
      const p = index.get(line.id);
      return h(
        "li",
        { class: "mini-line", dataset: { productId: line.id } },
        h(
          "span",
          { class: "mini-line__media" },
          h("img", { src: p ? p.image : `/shop/images/${line.id}.svg`, alt: "", width: 56, height: 56 }),
          h("span", { class: "mini-line__qty" }, String(line.quantity)),
        ),
        h("span", { class: "mini-line__name" }, line.name),
        h("span", { class: "mini-line__price" }, fmt(round2(line.price * line.quantity))),
      );
    }),
  );
}

async function renderCheckout() {
  let index = new Map();
  try {
    index = byId(await loadCatalog());
  } catch {
    // Not needed to check out; only for thumbnails.
  }
  const lines = readCart();
  if (!lines.length) {
    $("checkout").hidden = true;
    $("checkout-empty").hidden = false;
    return;
  }
  let promo = null; // { code, percent }
  const totalsFor = (items) => {
    const subtotal = cartSubtotal(items);
    const discount = promo ? round2((subtotal * promo.percent) / 100) : 0;
    const shipping = shippingFor(subtotal);
    return { subtotal, discount, shipping, total: round2(subtotal - discount + shipping) };
  };
  const drawTotals = () => {
    const t = totalsFor(lines);
    $("checkout-subtotal").textContent = fmt(t.subtotal);
    $("checkout-discount-row").hidden = !t.discount;
    $("checkout-discount-code").textContent = promo ? promo.code : "";
    $("checkout-discount").textContent = `−${fmt(t.discount)}`;
    $("checkout-shipping").textContent = t.shipping ? fmt(t.shipping) : "Free";
    $("checkout-total").textContent = fmt(t.total);
  };
  summaryLines($("checkout-lines"), lines, index);
  drawTotals();

  $("promo-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("promo-code");
    const code = input.value.trim().toUpperCase();
    const message = $("promo-message");
    if (!code) {
      promo = null;
      message.textContent = "";
    } else if (Object.hasOwn(PROMO_CODES, code)) {
      promo = { code, percent: PROMO_CODES[code] };
      input.value = code;
      message.textContent = `${code} applied: ${promo.percent}% off your order.`;
      message.className = "promo__message is-ok";
    } else {
      promo = null;
      message.textContent = `“${code}” isn't a valid code.`;
      message.className = "promo__message is-error";
    }
    drawTotals();
  });

  const form = $("checkout-form");
  const error = $("checkout-error");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const invalid = [...form.elements].filter((el) => el.willValidate && !el.checkValidity());
    for (const el of form.elements) if (el.willValidate) el.setAttribute("aria-invalid", String(!el.checkValidity()));
    if (invalid.length) {
      error.textContent = "Please fill in the highlighted fields.";
      error.hidden = false;
      invalid[0].focus();
      return;
    }
    error.hidden = true;
    const current = readCart();
    if (!current.length) {
      location.assign("/shop/cart.html");
      return;
    }
    const data = new FormData(form);
    const t = totalsFor(current);
    const id = `FH-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 36 ** 2)
      .toString(36)
      .toUpperCase()
      .padStart(2, "0")}`;
    const order = {
      id,
      createdAt: new Date().toISOString(),
      items: current.map(nudgeItem),
      subtotal: t.subtotal,
      discount: t.discount,
      code: promo ? promo.code : null,
      shipping: t.shipping,
      total: t.total,
      currency: "USD",
      customer: {
        name: String(data.get("name") || ""),
        email: String(data.get("email") || ""),
        address: String(data.get("address") || ""),
        city: String(data.get("city") || ""),
        state: String(data.get("state") || ""),
        zip: String(data.get("zip") || ""),
      },
    };
    const orders = storage.get(ORDERS_KEY, {});
    const next = orders && typeof orders === "object" && !Array.isArray(orders) ? orders : {};
    next[id] = order;
    storage.set(ORDERS_KEY, next);
    writeCart([]);
    $("place-order").disabled = true;
    location.assign(`/shop/thanks.html?order=${encodeURIComponent(id)}`);
  });
}

async function renderThanks() {
  const id = new URLSearchParams(location.search).get("order") || "";
  const orders = storage.get(ORDERS_KEY, {});
  const order = orders && typeof orders === "object" ? orders[id] : null;
  const section = $("thanks");
  section.removeAttribute("aria-busy");
  if (!order || !Array.isArray(order.items)) {
    $("thanks-title").textContent = "We couldn't find that order";
    $("thanks-message").textContent = "The link may be incomplete, or the order was placed in another browser.";
    $("order-summary").hidden = true;
    section.querySelector(".order-number").hidden = true;
    section.querySelector(".check").hidden = true;
    return;
  }

  const firstName = (order.customer?.name || "").split(/\s+/)[0];
  $("thanks-title").textContent = firstName ? `Thank you, ${firstName}!` : "Thank you!";
  $("thanks-message").textContent = `Your order is confirmed. We'll email ${order.customer?.email || "you"} as soon as it ships.`;
  $("order-id").textContent = order.id;
  section.dataset.orderId = order.id;

  let index = new Map();
  try {
    index = byId(await loadCatalog());
  } catch {
    // Thumbnails fall back to the image path convention.
  }
  summaryLines($("thanks-lines"), order.items, index);
  $("thanks-subtotal").textContent = fmt(order.subtotal);
  if (order.discount) {
    $("thanks-discount-row").hidden = false;
    $("thanks-discount-code").textContent = order.code || "";
    $("thanks-discount").textContent = `−${fmt(order.discount)}`;
  }
  $("thanks-shipping").textContent = order.shipping ? fmt(order.shipping) : "Free";
  $("order-total").textContent = fmt(order.total);
  const c = order.customer || {};
  $("ship-to").textContent = `Shipping to ${[c.name, c.address, [c.city, c.state].filter(Boolean).join(", "), c.zip].filter(Boolean).join(" · ")}`;

  // Report the purchase once per order id, however often this page is reloaded.
  const reported = storage.get(REPORTED_KEY, []);
  const seen = Array.isArray(reported) ? reported : [];
  if (!seen.includes(order.id)) {
    storage.set(REPORTED_KEY, [...seen, order.id].slice(-50));
    // The code, when one was used, feeds Nudge's scores.discountSensitivity (the share of orders placed with a coupon).
    tell("purchase", { id: order.id, value: order.total, currency: "USD", coupon: order.code || undefined, items: order.items.map(nudgeItem) });
    tell("cart.clear");
  }
}

// ---------------------------------------------------------------- boot

const pages = {
  home: renderHome,
  category: renderCategory,
  product: renderProduct,
  cart: renderCart,
  checkout: renderCheckout,
  thanks: renderThanks,
};

function boot() {
  updateCartCount();
  window.addEventListener("storage", (event) => {
    if (event.key === CART_KEY || event.key === null) updateCartCount();
  });
  const render = pages[document.body.dataset.page];
  if (render) {
    render().catch((error) => {
      // A rendering bug should not take the page down with an unhandled rejection.
      console.warn("[fernhouse] could not render page", error);
    });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, { once: true });
else boot();
