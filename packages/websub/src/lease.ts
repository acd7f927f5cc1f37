/** Share of a lease after which it is renewed: 80%, so a renewal has a fifth of the lease to be verified. */
export const RENEW_AT_SHARE = 0.8;

/** When a lease granted at `verifiedAt` (ms) for `leaseSeconds` ends, and when to renew it. */
export function leaseTimes(verifiedAt: number, leaseSeconds: number): { leaseExpiresAt: number; renewAt: number } {
  const leaseMs = leaseSeconds * 1_000;
  return { leaseExpiresAt: verifiedAt + leaseMs, renewAt: verifiedAt + Math.round(leaseMs * RENEW_AT_SHARE) };
}

/** The `hub.lease_seconds` to ask for: the configured lease (TIDINGS_WEBSUB_LEASE) in whole seconds, at least one. */
export function requestedLeaseSeconds(leaseMs: number): number {
  return Math.max(1, Math.round(leaseMs / 1_000));
}
