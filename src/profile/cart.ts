import type { CartItem } from "./facts.js";

/** Adds an item, or raises the quantity of the same id already in the cart. */
export function addToCart(cart: CartItem[], item: CartItem): CartItem[] {
  const existing = cart.find((line) => line.id === item.id);
  if (!existing) return [...cart, item];
  return cart.map((line) => (line.id === item.id ? { ...line, ...item, quantity: line.quantity + item.quantity } : line));
}

/** Takes `quantity` off the line with `id`; the whole line without a quantity, or when it has no more than that. */
export function removeFromCart(cart: CartItem[], id: string, quantity?: number): CartItem[] {
  return cart.flatMap((line) => (line.id !== id ? [line] : quantity && line.quantity > quantity ? [{ ...line, quantity: line.quantity - quantity }] : []));
}

export function cartValue(cart: CartItem[]): number {
  return Math.round(cart.reduce((sum, line) => sum + line.price * line.quantity, 0) * 100) / 100;
}

export function cartCount(cart: CartItem[]): number {
  return cart.reduce((sum, line) => sum + line.quantity, 0);
}
