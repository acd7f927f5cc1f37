/** Tidings' release version, sent in the User-Agent so site owners can see who fetches. */
export const TIDINGS_VERSION = '0.1.0';

/**
 * The User-Agent sent on every request. It names the project and links to it,
 * so a site operator who sees us in their logs can find out what we are and
 * how to reach us (the convention well-behaved crawlers and feed readers follow).
 */
export const USER_AGENT = `Tidings/${TIDINGS_VERSION} (+https://github.com/tidings/tidings; news reader)`;
