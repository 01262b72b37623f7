/**
 * The minimized popup: a small tab in a corner of the screen (e.g. "-10% ↑") that reopens it, with
 * its own × to close it for good. Not modal; it never takes focus by itself.
 */
export function Teaser({
  label,
  title,
  closeLabel,
  corner,
  onOpen,
  onClose,
}: {
  label: string;
  title: string;
  closeLabel: string;
  corner: string;
  onOpen(): void;
  onClose(): void;
}) {
  return (
    <div class={`nudge-w nudge-layer nudge-layer--${corner}`}>
      <div class="nudge-teaser" role="region" aria-label={title}>
        <button type="button" class="nudge-teaser__open" onClick={onOpen}>
          <span>{label}</span>
          <span class="nudge-sr">{` ${title}`}</span>
        </button>
        <button type="button" class="nudge-teaser__close" aria-label={closeLabel} onClick={onClose}>
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
            <path d="M4 4l8 8m0-8l-8 8" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      </div>
    </div>
  );
}
