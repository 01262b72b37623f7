import { newProfile, type Profile } from "./profile.js";

/**
 * The profile after `identify(userId, traits)`.
 *
 * - No user id, or the same one as before, or the first one on this browser:
 *   the anonymous history is merged into the known visitor — everything is kept,
 *   `userId` is set and the traits are added to `attributes`.
 * - A different user id than the profile's (another person logged in on this
 *   browser): nothing of the previous person carries over — cart, attributes,
 *   orders, viewed products, event history and visit counts start fresh under a
 *   new profile id. Only `widgets` (what was shown on this device, which frequency
 *   caps read) and the current session are kept, so a logout/login does not
 *   replay popups the device just saw.
 *
 * @example
 * identified(profile, "u-42", { plan: "pro" }, now, newId)
 */
export function identified(profile: Profile, userId: string | undefined, traits: Record<string, unknown>, now: number, newId: () => string): Profile {
  if (!userId || !profile.userId || profile.userId === userId) {
    return { ...profile, userId: userId ?? profile.userId, attributes: { ...profile.attributes, ...traits } };
  }
  const fresh = newProfile(newId(), now);
  return {
    ...fresh,
    rev: profile.rev,
    userId,
    attributes: { ...traits },
    sessions: profile.sessions ? 1 : 0,
    session: profile.session,
    firstSource: profile.session.source,
    pagesTotal: profile.session.pages,
    lastSeen: profile.lastSeen,
    widgets: profile.widgets,
  };
}
