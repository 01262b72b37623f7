import type { CartItem } from "./facts.js";

/** Adds an item, or raises the quantity of the same id already in the cart. */
export function addToCart(cart: CartItem[], item: CartItem): CartItem[] {
  const existing = cart.find((line) => line.id === item.id);
  if (!existing) return [...cart, item];
  return cart.map((line) => (line.id === item.id ? { ...line, ...item, quantity: line.quantity + item.quantity } : line));
}

export function removeFromCart(cart: CartItem[], id: string): CartItem[] {
  return cart.filter((line) => line.id !== id);
}

export function cartValue(cart: CartItem[]): number {
  return Math.round(cart.reduce((sum, line) => sum + line.price * line.quantity, 0) * 100) / 100;
}

export function cartCount(cart: CartItem[]): number {
  return cart.reduce((sum, line) => sum + line.quantity, 0);
}
