/** The customer card's lazy chunk: loaded only for a visitor with a card, an order, or a token to identify with. */
export { applyCustomer } from "../profile/customer-facts.js";
export { loadCard } from "../profile/customer-load.js";
export { guardBlocks } from "../decide/guards.js";
