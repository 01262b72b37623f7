import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { CloseReason, WidgetProps } from "../../src/render/widget-api.js";
import type { TimeLeft } from "../shared/countdown.js";
import { deepActiveElement } from "../shared/focusable.js";
import { stringsFor } from "../shared/i18n.js";
import { useModalFocus } from "../shared/use-modal-focus.js";
import { useCountdownCode, usePopupBlocks, type PopupBlocks } from "./blocks.js";
import { popupIsModal } from "./layout.js";
import { PopupBody } from "./popup-body.js";
import type { PopupContent } from "./schema.js";
import { popupStrings } from "./strings.js";
import { Teaser } from "./teaser.js";
import { useFocusReturn } from "../shared/use-focus-return.js";
import { CloseButton } from "../shared/close-button.js";

/**
 * A popup in one of six layouts: a modal card over a dimmed backdrop (default), a full-screen
 * takeover (both modal), a slide-in card in a corner, a bar at the top or bottom, or inline in the
 * page. Blocks: image, eyebrow, title, text, countdown, coupon, lead form, buttons, "no thanks".
 * With `teaser`, ×, Esc and the backdrop shrink it to a tab that reopens it. With a countdown that
 * is over, it closes at once without showing its offer. The code of the lead form, countdown and
 * coupon is loaded only by a popup that shows them (it appears once that code is here). Every
 * string renders as text.
 *
 * @example
 * render(<Popup {...widgetProps} content={{ title: "-10% today", layout: "slide-in", cta: { label: "Shop", href: "/sale" } }} />, el);
 */
export function Popup(props: WidgetProps<PopupContent>) {
  return props.content.countdown ? <TimedPopup {...props} /> : <PopupView props={props} />;
}

type Timer = { deadline: number; left: TimeLeft; expired: boolean };

/** A popup with a countdown: its code comes with the offer chunk, so a popup without one never downloads it. */
function TimedPopup(props: WidgetProps<PopupContent>) {
  const useDeadline = useCountdownCode();
  return useDeadline ? <CountingPopup props={props} useDeadline={useDeadline} /> : null;
}

function CountingPopup({ props, useDeadline }: { props: WidgetProps<PopupContent>; useDeadline: NonNullable<PopupBlocks["useDeadline"]> }) {
  const timer = useDeadline(props.content.countdown, props, () => props.close("api"));
  return <PopupView props={props} timer={timer} />;
}

function PopupView({ props, timer }: { props: WidgetProps<PopupContent>; timer?: Timer }) {
  const { content, close, locale } = props;
  const layout = content.layout ?? "modal";
  const s = stringsFor(popupStrings, locale);
  const [minimized, setMinimized] = useState(false);
  const [reopened, setReopened] = useState(false);
  // Where the visitor was when the popup first showed: focus goes back there, even after a teaser round trip.
  const [opener] = useState(() => (typeof document === "undefined" ? null : deepActiveElement(document)));
  const [blocked, setBlocked] = useState(false);
  const over = !!content.countdown && (!timer || timer.expired);
  const blocks = usePopupBlocks(content, !over, props.addStyles);
  // Checked while the runtime mounts it: an offer already over closes before it counts as shown.
  useLayoutEffect(() => {
    if (over) close("api");
  }, []);

  const shut = (reason: CloseReason) => {
    if (content.teaser && (reason === "button" || reason === "escape" || reason === "backdrop")) {
      props.minimize();
      setMinimized(true);
    } else close(reason);
  };

  // An offer whose time is up is never shown (the timer's onExpire closes the widget).
  if ((content.countdown && !timer) || timer?.expired || blocked) return null;
  // While the blocks' code is on its way nothing shows, then the popup shows whole: nothing flashes or moves.
  // An inline popup renders at once all the same, out of sight, to check before it counts as shown that its place has room.
  if (!blocks && layout !== "inline") return null;

  if (minimized && content.teaser) {
    return (
      <Teaser
        label={content.teaser.label}
        title={content.title}
        closeLabel={content.closeLabel || s.close}
        corner={layout === "slide-in" ? (content.corner ?? "bottom-right") : "bottom-left"}
        onOpen={() => {
          setMinimized(false);
          setReopened(true);
          props.restore();
        }}
        onClose={() => close("button")}
      />
    );
  }

  const frame = {
    props,
    shut,
    opener,
    reopened,
    timer,
    blocks: blocks ?? {},
    pending: !blocks,
    closeLabel: content.closeLabel || s.close,
    onBlocked: () => (setBlocked(true), close("api")),
  };
  return popupIsModal(content) ? <ModalFrame {...frame} /> : <PlainFrame {...frame} layout={layout} />;
}

interface FrameProps {
  props: WidgetProps<PopupContent>;
  shut(reason: CloseReason): void;
  opener: Element | null;
  reopened: boolean;
  timer?: { deadline: number; left: TimeLeft };
  blocks: PopupBlocks;
  /** The blocks' code is still loading (an inline popup only): rendered without them, out of sight. */
  pending: boolean;
  closeLabel: string;
  onBlocked(): void;
  layout?: string;
}

function useIds() {
  const id = useId();
  return { titleId: `${id}-t`, textId: `${id}-d` };
}

/** modal and fullscreen: a dialog over a backdrop that traps focus; Esc and a backdrop click close it. */
function ModalFrame({ props, shut, opener, closeLabel, timer, blocks }: FrameProps) {
  const { content } = props;
  const card = useRef<HTMLDivElement>(null);
  const { titleId, textId } = useIds();
  // A press that starts in the card and ends on the backdrop (text selection) is not a backdrop click.
  const pressInCard = useRef(false);
  useFocusReturn(card, () => opener);
  // Focus starts on the first field of a form, else the CTA, else the first tabbable element (useModalFocus' default).
  const initialFocus = {
    get current() {
      return card.current?.querySelector<HTMLElement>(".nudge-field__input, .nudge-popup__cta") ?? null;
    },
  };
  useModalFocus(card, { onEscape: () => shut("escape"), initialFocus });
  const full = content.layout === "fullscreen";
  const cls = ["nudge-popup__card", content.image && "nudge-popup__card--media", full && "nudge-popup__card--full"].filter(Boolean).join(" ");
  return (
    <div
      class={full ? "nudge-w nudge-popup nudge-popup--full" : "nudge-w nudge-popup"}
      onPointerDown={(e) => (pressInCard.current = e.target !== e.currentTarget)}
      onClick={(e) => {
        if (e.target === e.currentTarget && !pressInCard.current) shut("backdrop");
        pressInCard.current = false;
      }}
    >
      <div ref={card} class={cls} role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={content.text ? textId : undefined} tabIndex={-1}>
        <Inner props={props} shut={shut} titleId={titleId} textId={textId} closeLabel={closeLabel} timer={timer} blocks={blocks} />
      </div>
    </div>
  );
}

/**
 * slide-in, top-bar, bottom-bar and inline: part of the page, not modal. They take focus only when
 * reopened from the teaser; Esc closes them while focus is inside, and focus then goes back to the page.
 */
function PlainFrame({ props, shut, opener, reopened, closeLabel, onBlocked, layout, timer, blocks, pending }: FrameProps) {
  const { content } = props;
  const box = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const { titleId, textId } = useIds();
  useFocusReturn(box, () => opener);
  useLayoutEffect(() => {
    if (reopened) box.current?.focus({ preventScroll: true });
  }, []);
  useNoShift(wrap, layout === "inline", pending, onBlocked);
  const slide = layout === "slide-in";
  const bar = layout === "top-bar" || layout === "bottom-bar"; // both styled by `--bar`, then `--top-bar`/`--bottom-bar`
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Escape" && e.key !== "Esc") return;
    e.preventDefault();
    e.stopPropagation();
    shut("escape");
  };
  const card = (
    <div
      ref={box}
      class={`nudge-popup__card nudge-popup__card--${layout}${bar ? " nudge-popup__card--bar" : ""}`}
      role={slide ? "dialog" : "region"}
      aria-labelledby={titleId}
      aria-describedby={content.text ? textId : undefined}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <Inner props={props} shut={shut} titleId={titleId} textId={textId} closeLabel={closeLabel} timer={timer} blocks={blocks} />
    </div>
  );
  if (layout === "inline")
    return (
      <div ref={wrap} class="nudge-w nudge-inline">
        {card}
      </div>
    );
  const where = slide ? (content.corner ?? "bottom-right") : layout === "top-bar" ? "top" : "bottom";
  return <div class={`nudge-w nudge-layer nudge-layer--${where}`}>{card}</div>;
}

function Inner({
  props,
  shut,
  titleId,
  textId,
  closeLabel,
  timer,
  blocks,
}: Pick<FrameProps, "props" | "shut" | "closeLabel" | "timer" | "blocks"> & { titleId: string; textId: string }) {
  return (
    <>
      <PopupBody props={props} titleId={titleId} textId={textId} timer={timer} blocks={blocks} close={shut} />
      {/* Last in the DOM so screen readers and Tab meet the content first; placed top-right by CSS. */}
      <CloseButton class="nudge-popup__close" label={closeLabel} onClick={() => shut("button")} />
    </>
  );
}

/**
 * An inline popup never pushes what the visitor sees: before the first paint it checks that its
 * place is below the visible part of the page, or that the page reserved room for it (the element
 * it went into does not grow). Otherwise it calls `onBlocked` and shows nothing. While the code of
 * its blocks is loading (`pending`) it is checked without them and kept out of sight (taking no
 * room), then checked again, whole, when they are here.
 */
function useNoShift(wrap: { current: HTMLElement | null }, inline: boolean, pending: boolean, onBlocked: () => void) {
  useLayoutEffect(() => {
    const el = wrap.current;
    if (!inline || !el) return;
    // Through the CSSOM (CSP-safe), which wins over the `display` of its classes.
    const show = (on: boolean) => (el.style.display = on ? "" : "none");
    if (!roomFor(el, show)) {
      show(false);
      onBlocked();
    } else show(!pending);
  }, [pending]);
}

/** Whether showing `el` (inline, inside Nudge's host element) moves nothing the visitor sees. */
function roomFor(el: HTMLElement, show: (on: boolean) => void): boolean {
  const host = (el.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
  const view = el.ownerDocument.defaultView;
  if (!host || !view) return true;
  if (host.getBoundingClientRect().top >= view.innerHeight) return true; // below the fold: nothing on screen moves
  const around = host.parentElement;
  if (!around) return true;
  show(true);
  const withIt = around.getBoundingClientRect().height;
  show(false);
  const without = around.getBoundingClientRect().height;
  return withIt <= without + 0.5;
}
