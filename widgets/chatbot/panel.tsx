import type { RefObject } from "preact";
import { useId, useRef } from "preact/hooks";
import { isSafeUrl } from "../shared/safe-url.js";
import type { Chat, InputError } from "./engine.js";
import { ArrowIcon, Avatar, ChevronIcon, CloseIcon, SendIcon } from "./parts.js";
import type { ChatbotContent, Reply } from "./schema.js";
import type { chatStrings } from "./strings.js";

export type ChatText = (typeof chatStrings)["en"];

export interface PanelProps {
  content: ChatbotContent;
  chat: Chat | undefined;
  /** How many lines of the transcript are on screen; the next bot line is being "typed". */
  revealed: number;
  error: InputError | undefined;
  text: ChatText;
  id: string;
  logRef: RefObject<HTMLDivElement | null>;
  onReply(index: number): void;
  onSubmit(value: string): void;
  onMinimize(): void;
  onClose(): void;
  onDone(): void;
}

/**
 * The open chat: a header with the bot's name, the transcript as a polite live log, and a footer
 * with what the visitor can do now (quick replies, a field, or "close" once it ended).
 */
export function Panel(props: PanelProps) {
  const { content, chat, revealed, text, id, logRef } = props;
  const log = chat?.log ?? [];
  const typing = revealed < log.length;
  const name = (s: string) => s.replace("{name}", content.name);
  return (
    <div class="nudge-chat__panel" id={id} role="dialog" aria-labelledby={`${id}-n`}>
      <div class="nudge-chat__head">
        <span class="nudge-chat__who">
          <Avatar content={content} />
          <span class="nudge-chat__id">
            <h2 id={`${id}-n`} class="nudge-chat__name">
              {content.name}
            </h2>
            {content.subtitle && <p class="nudge-chat__sub">{content.subtitle}</p>}
          </span>
        </span>
        <button type="button" class="nudge-chat__icon" aria-label={text.minimize} onClick={props.onMinimize}>
          <ChevronIcon />
        </button>
        <button type="button" class="nudge-chat__icon" aria-label={text.close} onClick={props.onClose}>
          <CloseIcon />
        </button>
      </div>
      <div ref={logRef} class="nudge-chat__log" role="log" aria-live="polite" aria-busy={typing ? "true" : "false"} aria-label={name(text.log)} tabIndex={0}>
        {log.slice(0, revealed).map((entry, i) => {
          const first = i === 0 || log[i - 1].from !== entry.from;
          return (
            <div key={i} class={`nudge-chat__row nudge-chat__row--${entry.from}${first ? " nudge-chat__row--first" : ""}`}>
              {entry.from === "bot" && (first ? <Avatar content={content} decorative size="s" /> : <span class="nudge-chat__gap" />)}
              <p class="nudge-chat__msg">
                <span class="nudge-chat__sr">{entry.from === "bot" ? content.name : text.you}: </span>
                {entry.text}
              </p>
            </div>
          );
        })}
        {typing && log[revealed].from === "bot" && (
          <div class="nudge-chat__row nudge-chat__row--bot" aria-hidden="true" title={name(text.typing)}>
            {revealed === 0 || log[revealed - 1].from !== "bot" ? <Avatar content={content} decorative size="s" /> : <span class="nudge-chat__gap" />}
            <span class="nudge-chat__typing">
              <i />
              <i />
              <i />
            </span>
          </div>
        )}
      </div>
      {chat && !typing && <Footer key={chat.node + chat.log.length} {...props} chat={chat} />}
    </div>
  );
}

function Footer({ content, chat, error, text, onReply, onSubmit, onDone }: PanelProps & { chat: Chat }) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  if (chat.done)
    return (
      <div class="nudge-chat__foot nudge-chat__foot--done">
        <p class="nudge-chat__ended">{text.ended}</p>
        <button type="button" class="nudge-chat__reply" onClick={onDone}>
          {text.done}
        </button>
      </div>
    );
  const node = content.nodes[chat.node];
  if (!node || (node.type !== "choice" && node.type !== "ask")) return null;
  const replies = node.replies?.length ? (
    <div class="nudge-chat__replies">
      {node.replies.map((reply, i) => (
        <ReplyButton key={i} reply={reply} onClick={() => onReply(i)} />
      ))}
    </div>
  ) : null;
  if (node.type === "choice") return <div class="nudge-chat__foot">{replies}</div>;
  const kind = node.input;
  const message = error && (error === "empty" ? text.empty : (node.error ?? (error === "email" ? text.badEmail : text.badPhone)));
  return (
    <div class="nudge-chat__foot">
      {replies}
      <form
        class="nudge-chat__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(input.current?.value ?? "");
        }}
      >
        <label class="nudge-chat__sr" for={`${id}-i`}>
          {node.label ?? text[kind]}
        </label>
        <input
          ref={input}
          id={`${id}-i`}
          class="nudge-chat__input"
          type={(kind === "phone" ? "tel" : kind) as "text"}
          inputMode={kind === "phone" ? "tel" : kind === "email" ? "email" : "text"}
          autoComplete={kind === "phone" ? "tel" : kind === "email" ? "email" : "off"}
          spellcheck={kind === "text"}
          maxLength={500}
          placeholder={node.placeholder ?? node.label ?? text[kind]}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={[error && `${id}-e`, node.note && `${id}-h`].filter(Boolean).join(" ") || undefined}
        />
        <button type="submit" class="nudge-chat__send" aria-label={text.send}>
          <SendIcon />
        </button>
      </form>
      {message && (
        <p id={`${id}-e`} class="nudge-chat__error" role="alert">
          {message}
        </p>
      )}
      {node.note && (
        <p id={`${id}-h`} class="nudge-chat__note">
          {node.note}
        </p>
      )}
    </div>
  );
}

/** A quick reply: a button, or a link for a reply that opens a (checked) URL. */
function ReplyButton({ reply, onClick }: { reply: Reply; onClick(): void }) {
  if (reply.href && isSafeUrl(reply.href))
    return (
      <a class="nudge-chat__reply nudge-chat__reply--link" href={reply.href} onClick={onClick}>
        {reply.label}
        <ArrowIcon />
      </a>
    );
  return (
    <button type="button" class="nudge-chat__reply" onClick={onClick}>
      {reply.label}
    </button>
  );
}
