import type { Profile } from "../profile/profile.js";

/**
 * The session's page trail, kept on the stored session object: a new session
 * (see `touchSession`) starts without one, so `landing` is the session's first page.
 */
export interface PageTrail {
  /** Path of the session's first page. */
  landing?: string;
  /** Path of the page seen last (the current one, once it is noted). */
  last?: string;
  /** Path of the page seen before `last`; "" on the landing page. */
  previous?: string;
}

/** The trail as it stands (read before `notePage` for the previous page). */
export function pageTrail(profile: Profile): PageTrail {
  const trail = profile.session.trail;
  return typeof trail === "object" && trail !== null ? trail : {};
}

/**
 * Notes a page view of `path` on the session's trail; call it after the page view is
 * counted (so that a new session has started). Pure: the facts read the trail back
 * with `pageTrail` (`landing`, `previous`).
 */
export function notePage(profile: Profile, path: string): Profile {
  const trail = pageTrail(profile);
  const session = { ...profile.session, trail: { landing: trail.landing ?? path, previous: trail.last ?? "", last: path } };
  return { ...profile, session };
}
