import { useEffect, useId, useRef, useState } from "preact/hooks";
import { stringsFor } from "./i18n.js";
import { offerStrings } from "./offer-strings.js";

/** A coupon in the rules file. */
export interface CouponSpec {
  code: string;
  /** The words above the code, e.g. "Your code". */
  label?: string;
}

/**
 * A coupon code with a copy button. Copying shows "Copied" on the button and announces
 * "Code X copied" (a polite live region that is also visible). When the clipboard API is missing or
 * denied, the code is selected instead and the visitor is told to press Ctrl+C.
 * `onCopy` runs either way (a click on the coupon).
 *
 * @example
 * <Coupon coupon={{ code: "SAVE15" }} locale="en" onCopy={(how) => click({ coupon: "SAVE15", copy: how })} />
 */
export function Coupon({ coupon, locale, onCopy, compact }: { coupon: CouponSpec; locale: string; onCopy?(how: "clipboard" | "selected"): void; compact?: boolean }) {
  const s = stringsFor(offerStrings, locale);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ copied: boolean; text: string }>({ copied: false, text: "" });
  const reset = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(reset.current), []);

  const select = () => input.current?.select();
  const copy = async () => {
    const { code } = coupon;
    let copied = false;
    try {
      await navigator.clipboard.writeText(code);
      copied = true;
    } catch {
      // no clipboard API, no permission, or not a secure context: select the code instead
    }
    if (!copied) {
      input.current?.focus();
      select();
    }
    // A different text each time, so a second copy is announced again.
    setStatus({ copied, text: copied ? s.copiedStatus.replace("{code}", code) : s.selectStatus });
    clearTimeout(reset.current);
    if (copied) reset.current = setTimeout(() => setStatus((now) => ({ ...now, copied: false })), 2500);
    onCopy?.(copied ? "clipboard" : "selected");
  };

  return (
    <div class={compact ? "nudge-coupon nudge-coupon--compact" : "nudge-coupon"}>
      <label class="nudge-coupon__label" for={`${id}-c`}>
        {coupon.label ?? s.yourCode}
      </label>
      <div class="nudge-coupon__row">
        <input
          ref={input}
          id={`${id}-c`}
          class="nudge-coupon__code"
          value={coupon.code}
          readOnly
          // The copy button is the keyboard's way in; the field takes focus only to select the code.
          tabIndex={-1}
          spellcheck={false}
          autoComplete="off"
          size={Math.max(4, coupon.code.length)}
          onFocus={select}
          onClick={select}
        />
        <button type="button" class={status.copied ? "nudge-coupon__copy nudge-coupon__copy--done" : "nudge-coupon__copy"} onClick={copy}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            {status.copied ? (
              <path d="M3 8.5l3.2 3L13 4.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
            ) : (
              <path
                d="M5.5 5.5V3.8c0-.7.6-1.3 1.3-1.3h5.4c.7 0 1.3.6 1.3 1.3v5.4c0 .7-.6 1.3-1.3 1.3h-1.7M3.8 5.5h5.4c.7 0 1.3.6 1.3 1.3v5.4c0 .7-.6 1.3-1.3 1.3H3.8c-.7 0-1.3-.6-1.3-1.3V6.8c0-.7.6-1.3 1.3-1.3z"
                fill="none"
                stroke="currentColor"
                stroke-width="1.4"
              />
            )}
          </svg>
          <span>{status.copied ? s.copied : s.copy}</span>
        </button>
      </div>
      <p class="nudge-coupon__status" role="status" aria-live="polite">
        {status.text}
      </p>
    </div>
  );
}
