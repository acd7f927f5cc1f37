// @ts-check
/* global sessionStorage, fetch, setTimeout */
// Calls to this host's API, with the access token when the API asks for one
// (kept for the browser tab only, in sessionStorage).

import { $, $input } from './dom.js';
import { readEventStream } from './event-stream.js';

let token = sessionStorage.getItem('tidings-token');
/** The question being asked now: every call that meets a 401 meanwhile waits for the same answer. */
/** @type {Promise<boolean> | null} */
let asking = null;
/** The reader declined to give the token: live streams stop asking (a click that needs it still asks). */
let declined = false;

/** An answer other than 2xx: its status, its machine-readable code and the whole body. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code the body's `error`
   * @param {string} message
   * @param {Record<string, unknown>} body
   */
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/**
 * Asks for the token in the page's dialog; true when one was given.
 * @returns {Promise<boolean>}
 */
function askToken() {
  const dialog = /** @type {HTMLDialogElement} */ ($('#token-dialog'));
  asking ??= new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        asking = null;
        const value = $input('#token-input').value.trim();
        declined = !(dialog.returnValue === 'ok' && value);
        if (!declined) {
          token = value;
          sessionStorage.setItem('tidings-token', value);
        }
        resolve(!declined);
      },
      { once: true },
    );
    dialog.showModal();
  });
  return asking;
}

/**
 * fetch() with the token; on 401 asks for the token once and tries again.
 * @param {string} path
 * @param {RequestInit & { headers?: Record<string, string> }} options
 * @param {boolean} ask whether a 401 asks the reader (a live stream's reconnection stops asking once declined)
 * @returns {Promise<Response>}
 */
async function authorised(path, options, ask) {
  for (let asked = false; ; asked = true) {
    const response = await fetch(path, { ...options, headers: { ...options.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
    if (response.status !== 401 || asked || !ask || !(await askToken())) return response;
  }
}

/**
 * Calls the API. `json` is sent as the JSON body.
 * @param {string} path
 * @param {{ method?: string; json?: unknown }} [options]
 * @returns {Promise<any>} The JSON answer (null for a 204), as the route's schema says.
 * @throws {ApiError} for an answer other than 2xx
 */
export async function api(path, { method = 'GET', json } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await authorised(path, { method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }, true);
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, String(body.error ?? ''), body.message || `HTTP ${response.status}`, body);
  return body;
}

/**
 * Follows a Server-Sent Events route for the page's life (with fetch:
 * EventSource cannot send the token), reconnecting `retryMs` after it broke,
 * with the last event id it got as Last-Event-ID, as EventSource does, so a
 * stream that resumes (/api/stream) sends what was missed meanwhile.
 * @param {string} path
 * @param {(event: string, data: string) => void} onEvent
 * @param {{ retryMs: number; onBroken?: (error: unknown) => void }} options
 * @returns {Promise<never>}
 */
export async function followStream(path, onEvent, { retryMs, onBroken }) {
  /** @type {string | null} */
  let lastEventId = null;
  for (;;) {
    try {
      /** @type {Record<string, string>} */
      const headers = { Accept: 'text/event-stream' };
      if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
      const response = await authorised(path, { headers }, !declined);
      // A refused id would be refused again at every try: the next one starts without it.
      if (response.status === 400) lastEventId = null;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await readEventStream(response, onEvent, (id) => (lastEventId = id));
      throw new Error('stream ended');
    } catch (error) {
      onBroken?.(error);
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}
