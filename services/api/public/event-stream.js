// @ts-check
/* global TextDecoder */
/**
 * Reads a Server-Sent Events response body (fetched with fetch, since
 * EventSource cannot send the token) and calls `onEvent` with each event's
 * name and data, until the stream ends. The one reader of the page's live streams
 * (api.js follows them). `onId` hears each `id:` field, as EventSource keeps
 * its last event id (an empty one clears it: null), for a reconnection's
 * Last-Event-ID.
 *
 * @param {Response} response
 * @param {(event: string, data: string) => void} onEvent
 * @param {(id: string | null) => void} [onId]
 * @returns {Promise<void>}
 */
export async function readEventStream(response, onEvent, onId) {
  if (!response.body) throw new Error(`HTTP ${response.status}: no body`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const lines = block.split(/\r?\n/);
      const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      const id = lines.find((line) => line.startsWith('id:'))?.slice(3).trimStart();
      if (id !== undefined) onId?.(id || null);
      if (data) onEvent(event, data);
    }
  }
}
