/**
 * @tidings/websub: Tidings as a WebSub subscriber (W3C Recommendation).
 * Pure rules (hub discovery from the Link header and the feed's links,
 * subscription requests, intent verification, signatures, leases) and
 * {@link WebSubStore}, the subscriptions in Redis through any ioredis-like
 * client. The stages around it: the parser finds hubs, the fetcher's hub
 * worker sends requests, the API's callback verifies and takes pushed
 * content, the scheduler renews.
 */
export { discoverWebSub, linkHeaderLinks, type WebSubSources, type WebSubTarget } from './discovery.js';
export { callbackUrl, hubRequestForm, newSecret, newSubscriptionId, type HubRequest } from './request.js';
export { leaseTimes, RENEW_AT_SHARE, requestedLeaseSeconds } from './lease.js';
export { checkSignature, SIGNATURE_HEADER, SIGNATURE_METHODS, signatureOf, type SignatureCheck } from './signature.js';
export {
  answerIntent,
  dueAction,
  dueAt,
  expiredSubscription,
  failedSubscription,
  isPushing,
  needsSubscription,
  requestedSubscription,
  subscriptionView,
  unsubscribingSubscription,
  MIN_LEASE_SECONDS,
  REQUEST_TIMEOUT_MS,
  RETRY_AFTER_DENIAL_MS,
  RETRY_AFTER_FAILURE_MS,
  type IntentAnswer,
  type IntentQuery,
} from './subscription.js';
export { PUSH_WINDOW_MS, PUSHES_PER_WINDOW, WebSubStore, webSubPolling, type WebSubRedis } from './store.js';
export { startWebSubWorker, WebSubRequests } from './queue.js';
