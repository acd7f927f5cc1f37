import type { FetchOptions } from '@tidings/http';
import type { TidingsIndex } from '@tidings/index';
import type { RobotsCache } from '@tidings/politeness';
import type { PollRecorder } from '@tidings/polling';
import type { BodyStore, PipelineQueues } from '@tidings/queue';
import type { PolitenessDeps } from './polite-request.js';

/** Everything the fetcher's handlers use. */
export interface FetcherDeps extends PolitenessDeps {
  index: TidingsIndex;
  bodies: BodyStore;
  queues: PipelineQueues;
  /** The HTTP client's limits and the private-address exemptions (TIDINGS_FETCH_ALLOW_PRIVATE, _LINKS). */
  fetch: Pick<FetchOptions, 'allowPrivate' | 'allowPrivateLinks' | 'timeoutMs' | 'maxBytes'>;
  robots: RobotsCache;
  /** Records a poll's outcome (304 or failure) on the feed, with its next poll. */
  polling: PollRecorder;
}

export { handleFeedFetch } from './feed-fetch.js';
export { handleArticleFetch } from './article-fetch.js';
