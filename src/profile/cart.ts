import type { CartLine } from "./facts.js";

/** Adds an item, or raises the quantity of the same id already in the cart. */
export function addToCart(cart: CartLine[], item: CartLine): CartLine[] {
  const existing = cart.find((line) => line.id === item.id);
  if (!existing) return [...cart, item];
  return cart.map((line) => (line.id === item.id ? { ...line, ...item, quantity: line.quantity + item.quantity } : line));
}

/** Takes `quantity` off the line with `id`; the whole line without a quantity, or when it has no more than that. */
export function removeFromCart(cart: CartLine[], id: string, quantity?: number): CartLine[] {
  return cart.flatMap((line) => (line.id !== id ? [line] : quantity && line.quantity > quantity ? [{ ...line, quantity: line.quantity - quantity }] : []));
}

export function cartValue(cart: CartLine[]): number {
  return Math.round(cart.reduce((sum, line) => sum + line.price * line.quantity, 0) * 100) / 100;
}

export function cartCount(cart: CartLine[]): number {
  return cart.reduce((sum, line) => sum + line.quantity, 0);
}
