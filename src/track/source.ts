import { own } from "../env/own.js";
import type { Profile } from "../profile/profile.js";

/*
 * Visit-source classification: a lazy chunk. The runtime loads it only for a page view that
 * starts a session (the one moment a source is kept); the session's later pages never fetch it.
 */

/** Where a visit came from, as analytics tools classify it. */
export type Channel = "paid" | "email" | "social" | "search" | "referral" | "direct";

export interface VisitSource {
  channel: Channel;
  /** utm_source, or the referring host (without "www."), or "(direct)". */
  source: string;
  medium: string;
  campaign: string;
}

const SEARCH = /(^|\.)(google|bing|yahoo|duckduckgo|yandex|baidu|ecosia|search\.brave|startpage|qwant|naver|seznam)\./;
const SOCIAL =
  /(^|\.)(facebook|fb|instagram|t\.co|twitter|x|linkedin|lnkd|pinterest|reddit|tiktok|youtube|youtu|vk|ok|telegram|t\.me|whatsapp|snapchat|threads)\.|^(t\.co|t\.me|x\.com|vk\.com|ok\.ru)$/;
const PAID_MEDIUM = /^(cpc|ppc|paid|paidsearch|paid_social|paid-social|display|cpm|banner|retargeting|affiliate)$/i;
const CLICK_IDS = ["gclid", "gbraid", "wbraid", "fbclid", "msclkid", "ttclid", "yclid", "dclid", "li_fat_id"];

/**
 * Classifies a visit by its UTM parameters, ad click ids and referrer:
 * paid (a paid medium or an ad click id), email, social, search, referral or
 * direct. A referrer from the site itself counts as direct (internal navigation).
 */
export function classifySource(query: Record<string, string>, referrer: string, ownHost: string): VisitSource {
  const utm = (key: string) => own(query, `utm_${key}`)?.trim().toLowerCase() ?? "";
  const host = referrerHost(referrer);
  const external = host && host !== ownHost.replace(/^www\./, "") ? host : "";
  const source = utm("source") || external || "(direct)";
  const medium = utm("medium") || (external ? "referral" : "(none)");
  const campaign = utm("campaign");
  const clicked = CLICK_IDS.some((id) => Object.prototype.hasOwnProperty.call(query, id));
  let channel: Channel;
  if (clicked || PAID_MEDIUM.test(medium)) channel = "paid";
  else if (medium === "email" || medium === "e-mail" || medium === "newsletter") channel = "email";
  else if (medium === "social" || SOCIAL.test(`${source}.`) || SOCIAL.test(source)) channel = "social";
  else if (medium === "organic" || SEARCH.test(`${source}.`)) channel = "search";
  else if (source !== "(direct)") channel = "referral";
  else channel = "direct";
  return { channel, source, medium, campaign };
}

function referrerHost(referrer: string): string {
  try {
    return referrer ? new URL(referrer).hostname.replace(/^www\./, "").toLowerCase() : "";
  } catch {
    return "";
  }
}

/**
 * The profile with where this visit came from noted: on the session `sessionId` (when it has no
 * source yet: the page view that started it was counted without one) and as the first touch.
 * Pure, so the profile store may replay it on top of another tab's write.
 */
export function noteVisitSource(profile: Profile, sessionId: string, source: VisitSource): Profile {
  const { session } = profile;
  if (session.id !== sessionId || session.source) return profile;
  return { ...profile, session: { ...session, source }, firstSource: profile.firstSource ?? source };
}
