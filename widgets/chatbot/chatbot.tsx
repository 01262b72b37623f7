import { useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { CloseReason, WidgetProps } from "../../src/render/widget-api.js";
import { tabbables } from "../shared/focusable.js";
import { plural, stringsFor } from "../shared/i18n.js";
import { begin, choose, resume, submit, teaserOf, type Chat, type InputError, type Step } from "./engine.js";
import { Panel } from "./panel.js";
import { Avatar, ChatIcon, ChevronIcon, CloseIcon } from "./parts.js";
import type { ChatbotContent } from "./schema.js";
import { chatStrings, unreadForms } from "./strings.js";

/** Teaser beside the launcher, launcher alone (minimized), or the open panel. */
type View = "teaser" | "bubble" | "open";

/** How long the bot "types" a message: short, and not at all for visitors who prefer reduced motion. */
export function typingDelay(text: string): number {
  const reduced = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
  return reduced ? 0 : Math.min(350 + text.length * 12, 1100);
}

/**
 * The chatbot: a launcher with a proactive teaser, then a scripted dialogue in a non-modal panel.
 * The dialogue (engine.ts) is stored with `saveState` at every step, so a reload or another tab
 * resumes it; answers become profile attributes, an email or phone a lead.
 *
 * @example
 * render(<Chatbot {...widgetProps} content={{ name: "Mia", start: "hi", nodes: { hi: { type: "end", say: "Hi!" } } }} />, el);
 */
export function Chatbot(props: WidgetProps<ChatbotContent>) {
  const { content, facts } = props;
  const text = stringsFor(chatStrings, props.locale);
  const [initial] = useState(() => resume(content, props.state.chat));
  const [chat, setChat] = useState<Chat | undefined>(initial);
  const [view, setView] = useState<View>(initial ? (props.state.open === true ? "open" : "bubble") : "teaser");
  const [revealed, setRevealed] = useState(initial?.log.length ?? 0);
  const [unread, setUnread] = useState(initial ? 0 : 1);
  const [error, setError] = useState<InputError>();
  const root = useRef<HTMLDivElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  /** The page element focus came from, to return it there when the chat closes. */
  const returnTo = useRef<HTMLElement | null>(null);
  /** Focus goes into the panel once what the visitor can do next is on screen. */
  const wantFocus = useRef(false);
  /** Focus goes to the launcher once it is back on screen (it hides under the panel on a phone). */
  const focusLauncher = useRef(false);
  const minimized = useRef(false);
  const viewNow = useRef(view);
  viewNow.current = view;
  const id = useId();

  // Reveal the transcript line by line, the bot "typing" each of its lines first.
  useEffect(() => {
    if (!chat || revealed >= chat.log.length) return;
    const entry = chat.log[revealed];
    const timer = setTimeout(
      () => {
        setRevealed(revealed + 1);
        if (entry.from === "bot" && viewNow.current !== "open") setUnread((n) => n + 1);
      },
      entry.from === "bot" ? typingDelay(entry.text) : 0,
    );
    return () => clearTimeout(timer);
  }, [chat, revealed]);

  useLayoutEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
    if (focusLauncher.current && view !== "open") {
      focusLauncher.current = false;
      launcher.current?.focus({ preventScroll: true });
    }
    if (!wantFocus.current || view !== "open") return;
    const foot = root.current?.querySelector(".nudge-chat__foot");
    const next = foot && (foot.querySelector("input") ?? tabbables(foot)[0]);
    if (next) {
      wantFocus.current = false;
      next.focus({ preventScroll: true });
    } else log?.focus({ preventScroll: true }); // while the bot types: keeps focus in the panel, not on a removed button
  });

  // Closing returns focus to the page element it came from.
  useLayoutEffect(() => {
    const el = root.current;
    return () => {
      const active = (el?.getRootNode() as ShadowRoot | undefined)?.activeElement;
      if (active && el?.contains(active) && returnTo.current?.isConnected) returnTo.current.focus({ preventScroll: true });
    };
  }, []);

  function apply(step: Step | undefined, fromTeaser = false) {
    if (!step) return;
    setChat(step.chat);
    setError(undefined);
    const from = step.chat.log.length - step.fresh;
    // The teaser already said the first line: it shows at once; with reduced motion everything does.
    setRevealed(!typingDelay("") ? step.chat.log.length : fromTeaser && step.chat.log[0]?.text === teaserOf(content) ? 1 : from);
    props.saveState({ chat: step.chat, open: true });
    for (const effect of step.effects) {
      if (effect.kind === "answer") props.answer(effect.attributes);
      else if (effect.kind === "lead") props.lead(effect.fields);
      else if (effect.kind === "action") props.action(effect.name, effect.payload);
      else props.convert();
    }
    props.track("step", { node: step.chat.node, done: step.chat.done });
    wantFocus.current = true;
  }

  function open() {
    if (minimized.current) {
      minimized.current = false;
      props.restore();
    } else props.click({ open: true });
    setView("open");
    setUnread(0);
    wantFocus.current = true;
    if (chat) props.saveState({ open: true });
    else apply(begin(content, facts), true);
  }

  function minimize() {
    setView("bubble");
    props.saveState({ open: false });
    if (!minimized.current) {
      minimized.current = true;
      props.minimize();
    }
    focusLauncher.current = true;
  }

  function end(reason: CloseReason) {
    props.saveState({ chat: null, open: false });
    props.close(reason);
  }

  function onReply(index: number) {
    if (!chat) return;
    const node = content.nodes[chat.node];
    const reply = node && "replies" in node ? node.replies?.[index] : undefined;
    // A reply that leaves the dialogue (a link, a hand-off to the page) is the chatbot's call to action.
    if (reply?.href || reply?.action) props.click(reply.href ? { href: reply.href } : { action: reply.action });
    apply(choose(content, chat, index, facts));
  }

  function onSubmit(value: string) {
    if (!chat) return;
    const result = submit(content, chat, value, facts);
    if (result && "error" in result) setError(result.error);
    else apply(result);
  }

  const teaser = view === "teaser" && teaserOf(content);
  const badge = view !== "open" && unread > 0 ? unread : 0;
  const unreadText = badge ? `, ${plural(props.locale, badge, stringsFor(unreadForms, props.locale))}` : "";
  return (
    <div
      ref={root}
      class={`nudge-w nudge-chat nudge-chat--${content.position ?? "right"} nudge-chat--${view}`}
      onFocusIn={(event) => {
        const from = event.relatedTarget as HTMLElement | null;
        if (from && !root.current?.contains(from)) returnTo.current = from;
      }}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || event.defaultPrevented) return;
        event.preventDefault();
        if (view === "open") minimize();
        else if (view === "teaser") end("escape");
      }}
    >
      {view === "open" && (
        <Panel
          content={content}
          chat={chat}
          revealed={revealed}
          error={error}
          text={text}
          id={id}
          logRef={logRef}
          onReply={onReply}
          onSubmit={onSubmit}
          onMinimize={minimize}
          onClose={() => end("button")}
          onDone={() => end("cta")}
        />
      )}
      {teaser && (
        <div class="nudge-chat__teaser">
          <button type="button" class="nudge-chat__teaser-open" onClick={open}>
            <span class="nudge-chat__teaser-who">
              <Avatar content={content} decorative size="s" />
              <span class="nudge-chat__teaser-name">{content.name}</span>
            </span>
            <span class="nudge-chat__teaser-text">{teaser}</span>
          </button>
          <button type="button" class="nudge-chat__teaser-x" aria-label={text.dismiss} onClick={() => end("dismiss")}>
            <CloseIcon size={16} />
          </button>
        </div>
      )}
      <button
        ref={launcher}
        type="button"
        class="nudge-chat__launcher"
        aria-label={view === "open" ? text.minimize : text.open.replace("{name}", content.name) + unreadText}
        aria-expanded={view === "open" ? "true" : "false"}
        aria-controls={view === "open" ? id : undefined}
        onClick={view === "open" ? minimize : open}
      >
        {view === "open" ? <ChevronIcon /> : <ChatIcon />}
        {badge > 0 && (
          <span class="nudge-chat__badge" aria-hidden="true">
            {badge}
          </span>
        )}
      </button>
    </div>
  );
}
