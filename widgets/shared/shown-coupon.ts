/** What a coupon widget's `prepare` resolves to when the collector gave a code (see claim-coupon.ts). */
export interface ClaimedCode {
  couponCode: string;
}

/** The coupon to show: the rules file's code, or the one the collector gave; undefined when there is none. */
export function shownCoupon<C extends { code?: string; pool?: string; label?: string }>(coupon: C | undefined, prepared: unknown): (C & { code: string }) | undefined {
  if (!coupon) return undefined;
  if (coupon.code) return coupon as C & { code: string };
  const claimed = prepared && typeof prepared === "object" ? (prepared as Partial<ClaimedCode>).couponCode : undefined;
  return typeof claimed === "string" && claimed ? { ...coupon, code: claimed } : undefined;
}
