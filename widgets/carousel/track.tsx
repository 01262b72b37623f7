import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { slideKey, slidesInView } from "./track-focus.js";

export interface TrackProps {
  id: string;
  count: number;
  labels: { previous: string; next: string; slide: string; slideRole: string };
  /** The heading and text, shown beside the arrows. */
  head: ComponentChildren;
  /** Slide `index`; with `tabbable` false its links and buttons take `tabIndex={-1}` (it is out of view). */
  slide(index: number, tabbable: boolean): ComponentChildren;
}

const reducedMotion = (win: Window | null) => !!win?.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

/**
 * A horizontal, scroll-snapping row of slides: swipe (native scrolling), the previous/next
 * buttons (a page at a time) and the keyboard (←/→ move focus between slides, Home/End). Each
 * slide is a group labelled "3 of 8". Where the arrows show, only the slides in view are in the
 * Tab order, so Tab after a page lands on what the visitor sees; ←/→ reach the others. It never
 * moves by itself.
 */
export function Track({ id, count, labels, head, slide }: TrackProps) {
  const track = useRef<HTMLDivElement>(null);
  const arrows = useRef<HTMLDivElement>(null);
  // Whether the track is at its start and its end, and the slides in view (those Tab reaches).
  const [view, setView] = useState({ start: true, end: false, first: 0, last: count - 1 });

  const update = () => {
    const el = track.current;
    if (!el) return;
    const left = Math.abs(el.scrollLeft);
    const start = left <= 1;
    const end = left + el.clientWidth >= el.scrollWidth - 1;
    // Without arrows on screen (a phone's touch layout) every slide stays in the Tab order.
    const [first, last] = arrows.current?.offsetWidth
      ? slidesInView(
          el.getBoundingClientRect(),
          slides().map((s) => s.getBoundingClientRect()),
        )
      : [0, count - 1];
    setView((was) => (was.start === start && was.end === end && was.first === first && was.last === last ? was : { start, end, first, last }));
  };
  useLayoutEffect(update, [count]);
  useEffect(() => {
    const win = track.current?.ownerDocument.defaultView;
    win?.addEventListener("resize", update);
    return () => win?.removeEventListener("resize", update);
  }, []);

  const behavior = (): ScrollBehavior => (reducedMotion(track.current?.ownerDocument.defaultView ?? null) ? "auto" : "smooth");
  const page = (direction: 1 | -1) => {
    const el = track.current;
    if (!el) return;
    const rtl = getComputedStyle(el).direction === "rtl" ? -1 : 1;
    el.scrollBy({ left: direction * rtl * Math.max(el.clientWidth * 0.9, 1), behavior: behavior() });
  };

  const slides = () => Array.from(track.current?.children ?? []) as HTMLElement[];
  const onKeyDown = (event: KeyboardEvent) => {
    const all = slides();
    const at = all.findIndex((s) => s.contains(event.target as Node));
    const to = slideKey(event.key, at, all.length);
    if (to === undefined || at < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = all[to];
    // Its first link or button, even when out of view (tabIndex -1 until it scrolls in).
    next.querySelector<HTMLElement>("a[href],button")?.focus({ preventScroll: true });
    next.scrollIntoView({ block: "nearest", inline: "nearest", behavior: behavior() });
  };

  const arrow = (direction: 1 | -1) => {
    const disabled = direction < 0 ? view.start : view.end;
    return (
      <button
        type="button"
        class="nudge-carousel__arrow"
        aria-label={direction < 0 ? labels.previous : labels.next}
        aria-controls={id}
        aria-disabled={disabled ? "true" : undefined}
        onClick={() => !disabled && page(direction)}
      >
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d={direction < 0 ? "M12.5 4.5L7 10l5.5 5.5" : "M7.5 4.5L13 10l-5.5 5.5"}
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
      </button>
    );
  };

  const fits = view.start && view.end;
  return (
    <>
      <div class="nudge-carousel__head">
        <div class="nudge-carousel__heading">{head}</div>
        {!fits && (
          <div class="nudge-carousel__arrows" ref={arrows}>
            {arrow(-1)}
            {arrow(1)}
          </div>
        )}
      </div>
      <div class="nudge-carousel__track" id={id} ref={track} onScroll={update} onKeyDown={onKeyDown}>
        {Array.from({ length: count }, (_, i) => (
          <div
            class="nudge-carousel__slide"
            role="group"
            aria-roledescription={labels.slideRole}
            aria-label={labels.slide.replace("{i}", String(i + 1)).replace("{n}", String(count))}
            key={i}
          >
            {slide(i, i >= view.first && i <= view.last)}
          </div>
        ))}
      </div>
    </>
  );
}
