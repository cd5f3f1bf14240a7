import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher, call } from '../../src-shared/rpc';
import { startBrowserServer, type RunningBrowserServer } from './http-server';

const echoCalls = { 'echo.say': call(z.object({ text: z.string() }).strict(), z.object({ said: z.string() })) };
/** Signals of the calls the server dispatched, to see an abandoned call aborted. */
const dispatchedSignals: (AbortSignal | undefined)[] = [];
const listeners = new Set<(name: string, payload: unknown) => void>();
let server: RunningBrowserServer;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, because fetch will not let a test forge the Host header. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const host = (): string => `127.0.0.1:${server.port}`;

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'oc9-renderer-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>OC9</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startBrowserServer({
    rendererDir,
    host: {
      dispatch: (name, input, signal) => {
        dispatchedSignals.push(signal);
        const dispatch = createDispatcher(echoCalls, { 'echo.say': ({ text }) => Promise.resolve({ said: text }) });
        // "slow" answers only when its caller has gone away, like a read waiting on Kraken
        if ((input as { text?: string }).text !== 'slow') return dispatch(name, input);
        return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(dispatch(name, input))));
      },
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  });
});

afterAll(() => server.stop());

describe('browser-mode server', () => {
  it('prints a loopback URL that carries its token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call that carries the token', async () => {
    const res = await raw(
      'POST',
      '/api/call/echo.say',
      { host: host(), 'x-oc9-token': server.token, 'content-type': 'application/json' },
      '{"text":"hi"}',
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { said: 'hi' } });
  });

  it('refuses a call without the token with 401', async () => {
    const res = await raw('POST', '/api/call/echo.say', { host: host() }, '{"text":"hi"}');
    expect(res.status).toBe(401);
  });

  it('refuses a call with a wrong token with 401', async () => {
    const res = await raw('POST', '/api/call/echo.say', { host: host(), 'x-oc9-token': `${server.token}x` }, '{"text":"hi"}');
    expect(res.status).toBe(401);
  });

  it('refuses a foreign Host header with 403, even with the token', async () => {
    const res = await raw(
      'POST',
      '/api/call/echo.say',
      { host: `attacker.example:${server.port}`, 'x-oc9-token': server.token },
      '{"text":"hi"}',
    );
    expect(res.status).toBe(403);
    expect((await raw('GET', '/', { host: 'attacker.example' })).status).toBe(403);
  });

  it('refuses a foreign Origin header with 403', async () => {
    const res = await raw(
      'POST',
      '/api/call/echo.say',
      {
        host: host(),
        origin: 'https://attacker.example',
        'x-oc9-token': server.token,
      },
      '{"text":"hi"}',
    );
    expect(res.status).toBe(403);
  });

  it('accepts its own origin', async () => {
    const res = await raw(
      'POST',
      '/api/call/echo.say',
      { host: host(), origin: server.origin, 'x-oc9-token': server.token, 'content-type': 'application/json' },
      '{"text":"ok"}',
    );
    expect(res.status).toBe(200);
  });

  it('answers unknown calls and bad input through the contract', async () => {
    const headers = { host: host(), 'x-oc9-token': server.token, 'content-type': 'application/json; charset=utf-8' };
    expect(JSON.parse((await raw('POST', '/api/call/nope.never', headers, '{}')).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
    expect(JSON.parse((await raw('POST', '/api/call/echo.say', headers, '{"text":5}')).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await raw('POST', '/api/call/echo.say', headers, '{not json')).status).toBe(400);
  });

  it('refuses a call that is not sent as JSON with 415', async () => {
    const headers = { host: host(), 'x-oc9-token': server.token };
    expect((await raw('POST', '/api/call/echo.say', headers, '{"text":"hi"}')).status).toBe(415);
    expect((await raw('POST', '/api/call/echo.say', { ...headers, 'content-type': 'text/plain' }, '{"text":"hi"}')).status).toBe(415);
    expect((await raw('POST', '/api/call/echo.say', { ...headers, 'content-type': 'application/jsonx' }, '{"text":"hi"}')).status).toBe(
      415,
    );
  });

  it('refuses an oversize body with 413, announced or not', async () => {
    const headers = { host: host(), 'x-oc9-token': server.token, 'content-type': 'application/json' };
    const announced = await raw('POST', '/api/call/echo.say', { ...headers, 'content-length': String(9 * 1024 * 1024) });
    expect(announced.status).toBe(413);
    const big = `{"text":"${'x'.repeat(9 * 1024 * 1024)}"}`;
    expect((await raw('POST', '/api/call/echo.say', { ...headers, 'transfer-encoding': 'chunked' }, big)).status).toBe(413);
  });

  it('answers malformed %-encoding in a path with 400', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/api/call/echo.%E0']) {
      expect((await raw('GET', path, { host: host() })).status).toBe(400);
    }
  });

  it('aborts the signal of a call whose client went away', async () => {
    const before = dispatchedSignals.length;
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/call/echo.say',
        headers: { host: host(), 'x-oc9-token': server.token, 'content-type': 'application/json' },
      });
      req.on('error', () => undefined);
      req.end('{"text":"slow"}', () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50),
      );
    });
    await expect.poll(() => dispatchedSignals[before]?.aborted).toBe(true);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const page = await raw('GET', '/', { host: host() });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect((await raw('GET', '/assets/app.js', { host: host() })).status).toBe(200);
    expect((await raw('GET', '/../../etc/passwd', { host: host() })).status).toBe(404);
    expect((await raw('GET', '/%2e%2e/%2e%2e/etc/passwd', { host: host() })).status).toBe(404);
  });

  it('streams events to a page that carries the token, and to nobody else', async () => {
    expect((await raw('GET', '/api/events', { host: host() })).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { host: host() } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('connected') && !text.includes('data:')) listeners.forEach((l) => l('app.navigate', { screen: 'history' }));
            if (text.includes('data:')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('data: {"name":"app.navigate","payload":{"screen":"history"}}');
  });
});
