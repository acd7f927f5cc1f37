/**
 * @tidings/politeness: what every fetcher process agrees on through Redis
 * so Tidings behaves towards each site as one polite client: per-host
 * concurrency, spacing and Retry-After back-off (HostGate), each host's
 * robots.txt (RobotsCache), and whether our own network is down
 * (NetworkHealth).
 */
export { HostGate, hostOf, MAX_HOST_WAIT_MS, type HostLimits, type HostRefusal, type HostSlot } from './host-gate.js';
export { NetworkHealth, DEFAULT_NETWORK_HEALTH, type NetworkHealthOptions } from './network-health.js';
export { RobotsCache, ROBOTS_TTL_MS } from './robots-cache.js';
