/**
 * The × button of a widget: a labelled button with the shared icon. `class` places and styles it
 * (each widget puts its × where its layout wants it). Rides in the renderer's chunk with the other
 * shared parts, so no widget carries its own copy.
 *
 * @example
 * <CloseButton class="nudge-nps__close" label={t.close} onClick={() => close("button")} />
 */
export function CloseButton({ class: className, label, onClick }: { class: string; label: string; onClick(): void }) {
  return (
    <button type="button" class={className} aria-label={label} onClick={onClick}>
      <CloseIcon />
    </button>
  );
}

/** The × icon (16 px, `currentColor`), hidden from screen readers: the button carries the label. */
export function CloseIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    </svg>
  );
}
