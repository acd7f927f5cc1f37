import { describe, expect, it } from 'vitest';
import { streamTestHarness } from '../testing/stream-tests.js';

const { start, connect } = streamTestHarness();

/** HEAD with a deadline: a stream route that answered HEAD like GET would never end. */
async function head(url: string): Promise<Response> {
  return fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(3_000) });
}

describe('HEAD on live streams', () => {
  it("answers with the stream's headers at once, and holds no place among the streams", async () => {
    const api = await start({ deps: { maxStreams: 1 } });
    for (let i = 0; i < 3; i++) {
      const response = await head(`${api.url}/api/stream?q=glacier`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    }
    // The one place is still free.
    await connect(`${api.url}/api/stream`);
    // And with it taken, HEAD is refused as GET would be.
    const full = await head(`${api.url}/api/stream`);
    expect([full.status, full.headers.get('retry-after')]).toEqual([503, '10']);
  });

  it('answers HEAD on the pipeline stream too', async () => {
    const api = await start({ pipelineSampleMs: 50 });
    const response = await head(`${api.url}/api/pipeline/stream`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  });
});
