import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { tabbables } from "../shared/focusable.js";

export interface TrackProps {
  id: string;
  count: number;
  labels: { previous: string; next: string; slide: string; slideRole: string };
  /** The heading and text, shown beside the arrows. */
  head: ComponentChildren;
  slide(index: number): ComponentChildren;
}

const reducedMotion = (win: Window | null) => !!win?.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

/**
 * A horizontal, scroll-snapping row of slides: swipe (native scrolling), the previous/next
 * buttons (a page at a time) and the keyboard (←/→ move between slides, Home/End). Each slide
 * is a group labelled "3 of 8".
 */
export function Track({ id, count, labels, head, slide }: TrackProps) {
  const track = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ start: true, end: false });

  const update = () => {
    const el = track.current;
    if (!el) return;
    const left = Math.abs(el.scrollLeft);
    const start = left <= 1;
    const end = left + el.clientWidth >= el.scrollWidth - 1;
    setEdges((was) => (was.start === start && was.end === end ? was : { start, end }));
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
    const keys: Record<string, (at: number, n: number) => number> = {
      ArrowRight: (at, n) => Math.min(at + 1, n - 1),
      ArrowLeft: (at) => Math.max(at - 1, 0),
      Home: () => 0,
      End: (_, n) => n - 1,
    };
    const move = keys[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    const all = slides();
    const at = all.findIndex((s) => s.contains(event.target as Node));
    if (at < 0) return;
    event.preventDefault();
    const next = all[move(at, all.length)];
    const target = tabbables(next)[0] ?? next;
    target.focus({ preventScroll: true });
    next.scrollIntoView({ block: "nearest", inline: "nearest", behavior: behavior() });
  };

  const arrow = (direction: 1 | -1) => {
    const disabled = direction < 0 ? edges.start : edges.end;
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
          <path d={direction < 0 ? "M12.5 4.5L7 10l5.5 5.5" : "M7.5 4.5L13 10l-5.5 5.5"} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
    );
  };

  const fits = edges.start && edges.end;
  return (
    <>
      <div class="nudge-carousel__head">
        <div class="nudge-carousel__heading">{head}</div>
        {!fits && (
          <div class="nudge-carousel__arrows">
            {arrow(-1)}
            {arrow(1)}
          </div>
        )}
      </div>
      <div class="nudge-carousel__track" id={id} ref={track} onScroll={update} onKeyDown={onKeyDown}>
        {Array.from({ length: count }, (_, i) => (
          <div class="nudge-carousel__slide" role="group" aria-roledescription={labels.slideRole} aria-label={labels.slide.replace("{i}", String(i + 1)).replace("{n}", String(count))} key={i}>
            {slide(i)}
          </div>
        ))}
      </div>
    </>
  );
}
