import { describePipelineEndToEnd } from '../support/pipeline-flow.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL } from '../support/services.js';

describePipelineEndToEnd('the pipeline end to end: subscribe, run --until-idle, search, show', {
  url: () => TEST_REDIS_URL,
  require: requireRedis,
  cleanup: deletePrefix,
});
