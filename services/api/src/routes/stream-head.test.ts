import { afterEach, describe, expect, it } from 'vitest';
import { StreamClient } from '../testing/stream-client.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

let apps: TestApp[] = [];
let clients: StreamClient[] = [];
afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await Promise.all(apps.map((api) => api.close()));
  apps = [];
});

/** HEAD with a deadline: a stream route that answered HEAD like GET would never end. */
async function head(url: string): Promise<Response> {
  return fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(3_000) });
}

describe('HEAD on live streams', () => {
  it("answers with the stream's headers at once, and holds no place among the streams", async () => {
    const api = await startTestApp({ deps: { maxStreams: 1 } });
    apps.push(api);
    for (let i = 0; i < 3; i++) {
      const response = await head(`${api.url}/api/stream?q=glacier`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    }
    // The one place is still free.
    clients.push(await StreamClient.connect(`${api.url}/api/stream`));
    // And with it taken, HEAD is refused as GET would be.
    const full = await head(`${api.url}/api/stream`);
    expect([full.status, full.headers.get('retry-after')]).toEqual([503, '10']);
  });

  it('answers HEAD on the pipeline stream too', async () => {
    const api = await startTestApp({ pipelineSampleMs: 50 });
    apps.push(api);
    const response = await head(`${api.url}/api/pipeline/stream`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  });
});
