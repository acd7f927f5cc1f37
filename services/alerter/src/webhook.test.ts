import { createHmac } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpStatusError, TidingsError } from '@tidings/contracts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { refusalOf } from '../../../test/support/webhook-verify.js';
import { SIGNATURE_HEADER } from './signature.js';
import { postWebhook, type WebhookOptions } from './webhook.js';

let receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  receivers = [];
});

/** A receiver on 127.0.0.1 answering by `answer`, closed after the test. */
async function receiver(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<WebhookReceiver> {
  const made = await startWebhookReceiver(answer);
  receivers.push(made);
  return made;
}

const bodiesOf = (hook: WebhookReceiver) => hook.received.map((request) => request.body);
const headersOf = (hook: WebhookReceiver) => hook.received.map((request) => request.headers);

/** A name server answering from a table (what a hostile one might say), never DNS. */
function dnsTable(table: Record<string, string[]>): NonNullable<WebhookOptions['resolve']> {
  return async (host) => {
    const addresses = table[host];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

async function failure(promise: Promise<unknown>): Promise<TidingsError> {
  const error = await promise.then(
    () => new Error('expected the delivery to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TidingsError);
  return error as TidingsError;
}

const SECRET = 'a-secret-of-enough-length';
const BODY = JSON.stringify({ type: 'saved-search.match' });
/** One message: its id, the body and the webhook's secret. */
const MESSAGE = { id: 's1:a1', body: BODY, secret: SECRET };

describe('postWebhook', () => {
  it('posts the signed JSON body to an allowed receiver and answers its status', async () => {
    const hook = await receiver((_req, res) => res.writeHead(204).end());
    expect(await postWebhook(hook.url(), MESSAGE, { allowPrivate: [`127.0.0.1:${hook.port}`] })).toEqual({ status: 204 });
    expect(bodiesOf(hook)).toEqual([BODY]);
    expect(headersOf(hook)[0]?.[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`);
    expect(headersOf(hook)[0]?.['content-type']).toBe('application/json');
  });

  it('signs each attempt with its time (Standard Webhooks) beside the original signature, under the id of the message', async () => {
    const hook = await receiver((_req, res) => res.writeHead(204).end());
    const body = JSON.stringify({ type: 'saved-search.match', search: { id: 's1' }, article: { id: 'a1' } });
    const sentFrom = Math.floor(Date.now() / 1_000);
    for (let i = 0; i < 2; i++) await postWebhook(hook.url(), { id: 's1:a1', body, secret: SECRET }, { allowPrivate: [`127.0.0.1:${hook.port}`] });
    const sentTo = Math.floor(Date.now() / 1_000);
    for (const headers of headersOf(hook)) {
      // What a receiver checks: the signature over id, timestamp and body, the timestamp near its clock.
      expect(refusalOf(headers, body, SECRET)).toBeNull();
      expect(Number(headers['webhook-timestamp'])).toBeGreaterThanOrEqual(sentFrom);
      expect(Number(headers['webhook-timestamp'])).toBeLessThanOrEqual(sentTo);
      expect(headers['webhook-id']).toBe('s1:a1');
      expect(headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
    }
    expect(refusalOf(headersOf(hook)[0]!, body, 'another-secret-of-length')).toBe('no matching signature');
  });

  it('hands the receiver its Retry-After back, on the typed error of a 429 or 503', async () => {
    const hook = await receiver((req, res) => res.writeHead(req.url === '/busy' ? 429 : 503, { 'retry-after': req.url === '/busy' ? '7' : 'Tue, 01 Dec 2026 12:00:00 GMT' }).end());
    const allowPrivate = [`127.0.0.1:${hook.port}`];
    const busy = await failure(postWebhook(hook.url('/busy'), MESSAGE, { allowPrivate }));
    expect(busy).toBeInstanceOf(HttpStatusError);
    expect(busy).toMatchObject({ status: 429, permanent: false, headers: { 'retry-after': '7' } });
    const down = await failure(postWebhook(hook.url('/down'), MESSAGE, { allowPrivate }));
    expect(down).toMatchObject({ status: 503, permanent: false, headers: { 'retry-after': 'Tue, 01 Dec 2026 12:00:00 GMT' } });
    expect((down as HttpStatusError).headers.date).toMatch(/ GMT$/);
  });

  it('refuses a private address before connecting: blocked-address, permanent', async () => {
    const hook = await receiver((_req, res) => res.writeHead(204).end());
    const error = await failure(postWebhook(hook.url(), MESSAGE, { allowPrivate: [] }));
    expect(error).toMatchObject({ code: 'blocked-address', permanent: true });
    expect(bodiesOf(hook)).toEqual([]);
  });

  it('connects to the address the guard vetted, not to whatever a second lookup would say', async () => {
    const hook = await receiver((_req, res) => res.writeHead(200).end());
    // No system resolver knows this name: only the vetted answer can reach the receiver.
    const resolve = dnsTable({ 'hooks.example.test': ['127.0.0.1'] });
    const outcome = await postWebhook(`http://hooks.example.test:${hook.port}/hook`, MESSAGE, { allowPrivate: [`127.0.0.1:${hook.port}`], resolve });
    expect(outcome).toEqual({ status: 200 });
    expect(bodiesOf(hook)).toEqual([BODY]);
  });

  it('never connects where a second lookup would lead (DNS rebinding): only the vetted answer is used', async () => {
    const hook = await receiver((_req, res) => res.writeHead(200).end());
    // The guard is told "localhost" is 127.0.0.2, which the allow-list admits and where nothing listens; the
    // system resolver would say 127.0.0.1, which the allow-list refuses and where the receiver is.
    const resolve = dnsTable({ localhost: ['127.0.0.2'] });
    const error = await failure(postWebhook(`http://localhost:${hook.port}/hook`, MESSAGE, { allowPrivate: ['127.0.0.2/32'], resolve, timeoutMs: 5_000 }));
    expect(['timeout', 'network']).toContain(error.code);
    expect(error.permanent).toBe(false);
    expect(bodiesOf(hook)).toEqual([]);
  });

  it('fails a name that does not resolve as dns-failed, retryable, without asking DNS again', async () => {
    const error = await failure(postWebhook('http://nowhere.example.test/hook', MESSAGE, { allowPrivate: [], resolve: dnsTable({}) }));
    expect(error).toMatchObject({ code: 'dns-failed', permanent: false });
  });

  it('does not read the body: an endless one neither fills memory nor holds the delivery', async () => {
    let written = 0;
    const hook = await receiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    // A budget longer than this test's: only not reading the body lets it end.
    expect(await postWebhook(hook.url(), MESSAGE, { allowPrivate: [`127.0.0.1:${hook.port}`], timeoutMs: 600_000 })).toEqual({ status: 200 });
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('answers as soon as the head is in, however slowly the body comes', async () => {
    const hook = await receiver((_req, res) => {
      res.writeHead(202);
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    });
    expect(await postWebhook(hook.url(), MESSAGE, { allowPrivate: [`127.0.0.1:${hook.port}`], timeoutMs: 600_000 })).toEqual({ status: 202 });
  });

  it('gives up on a receiver that never answers: timeout, retryable', async () => {
    const hook = await receiver(() => {});
    const error = await failure(postWebhook(hook.url(), MESSAGE, { allowPrivate: [`127.0.0.1:${hook.port}`], timeoutMs: 200 }));
    expect(error).toMatchObject({ code: 'timeout', permanent: false });
  });

  it('follows no redirect (to a private address or in a loop): the 3xx fails for good with its status', async () => {
    const hook = await receiver((req, res) => res.writeHead(req.url === '/loop' ? 307 : 302, { location: req.url === '/loop' ? '/loop' : 'http://169.254.169.254/latest/meta-data/' }).end());
    for (const path of ['/hook', '/loop']) {
      const error = await failure(postWebhook(hook.url(path), MESSAGE, { allowPrivate: [`127.0.0.1:${hook.port}`] }));
      expect(error).toMatchObject({ code: 'http-status', permanent: true, status: path === '/loop' ? 307 : 302 });
    }
    expect(bodiesOf(hook)).toHaveLength(2);
  });

  it('types an error status: 5xx, 408 and 429 retry, other 4xx fail for good', async () => {
    const hook = await receiver((req, res) => res.writeHead(Number(req.url?.slice(1))).end());
    const allowPrivate = [`127.0.0.1:${hook.port}`];
    for (const [status, permanent] of [[500, false], [503, false], [408, false], [429, false], [404, true], [410, true]] as const) {
      const error = await failure(postWebhook(hook.url(`/${status}`), MESSAGE, { allowPrivate }));
      expect(error, String(status)).toMatchObject({ code: 'http-status', permanent, status });
    }
  });
});
