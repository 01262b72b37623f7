import type { ChatbotContent } from "./schema.js";

/** The bot's picture, or its initial on the brand colour; `decorative` hides it from screen readers (its name is said beside it). */
export function Avatar({ content, decorative, size }: { content: ChatbotContent; decorative?: boolean; size?: "s" }) {
  const { avatar, name } = content;
  return (
    <span class={size ? `nudge-chat__avatar nudge-chat__avatar--${size}` : "nudge-chat__avatar"} aria-hidden={decorative ? "true" : undefined}>
      {avatar ? <img src={avatar.src} alt={decorative ? "" : avatar.alt} decoding="async" /> : (Array.from(name.trim())[0] ?? "").toUpperCase()}
    </span>
  );
}

const Svg = ({ d, size = 20, fill }: { d: string; size?: number; fill?: boolean }) => (
  <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
    <path d={d} fill={fill ? "currentColor" : "none"} stroke={fill ? "none" : "currentColor"} stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

export const ChatIcon = () => (
  <Svg size={28} fill d="M12 3C6.5 3 2 6.9 2 11.7c0 2.4 1.1 4.6 3 6.2-.2 1.3-.8 2.6-1.8 3.6 2.2-.1 4-.9 5.3-1.9 1.1.3 2.3.5 3.5.5 5.5 0 10-3.9 10-8.7S17.5 3 12 3z" />
);
export const ChevronIcon = () => <Svg d="M6 9l6 6 6-6" />;
export const CloseIcon = ({ size = 20 }: { size?: number }) => <Svg size={size} d="M6 6l12 12M18 6L6 18" />;
export const SendIcon = () => <Svg fill d="M3.4 20.4l17.5-7.5a1 1 0 000-1.8L3.4 3.6a1 1 0 00-1.4 1.1L4 11l9 1-9 1-2 6.3a1 1 0 001.4 1.1z" />;
export const ArrowIcon = () => <Svg size={16} d="M7 17L17 7M9 7h8v8" />;
