import { useRef, useState } from "preact/hooks";

interface Props {
  code: string;
  label: string;
  copyLabel: string;
  copiedLabel: string;
  onCopied(): void;
  /** Where to say "Copied" for screen readers. */
  announce(text: string): void;
}

/**
 * A won coupon code with a copy button. Copies with the Clipboard API; where that is refused,
 * the code is selected so the visitor can copy it by hand. (A small one of the wheel's own.)
 */
export function CouponCode({ code, label, copyLabel, copiedLabel, onCopied, announce }: Props) {
  const [copied, setCopied] = useState(false);
  const box = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      announce(copiedLabel);
      onCopied();
    } catch {
      const el = box.current;
      const selection = el?.ownerDocument.getSelection();
      if (el && selection) selection.selectAllChildren(el);
    }
  };
  return (
    <div class="nudge-wheel__coupon">
      <span class="nudge-wheel__coupon-label">{label}</span>
      <div class="nudge-wheel__coupon-row">
        <code ref={box} class="nudge-wheel__code">
          {code}
        </code>
        <button type="button" class={copied ? "nudge-wheel__copy nudge-wheel__copy--done" : "nudge-wheel__copy"} onClick={copy}>
          {copied ? copiedLabel : copyLabel}
        </button>
      </div>
    </div>
  );
}
