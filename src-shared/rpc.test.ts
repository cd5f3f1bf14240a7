import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createClient, createDispatcher, createEmitter, onEvent, type Transport } from './rpc';
import { AppError } from './errors';
import { DecimalString } from './money';

const testCalls = {
  'math.add': call(z.object({ a: DecimalString, b: DecimalString }).strict(), z.object({ sum: DecimalString })),
  'leaky.answer': call(z.object({}), z.object({ name: z.string() })),
  'broken.answer': call(z.object({}), z.object({ total: DecimalString })),
};

const dispatch = createDispatcher(testCalls, {
  'math.add': ({ a, b }) => Promise.resolve({ sum: (BigInt(a) + BigInt(b)).toString() }),
  // a handler that returns more than its schema: the extra field must never cross
  'leaky.answer': () => Promise.resolve({ name: 'main', secret: 'kQH5HW/8p1uG' } as { name: string }),
  'broken.answer': () => Promise.resolve({ total: 12.5 as unknown as string }),
});

describe('createDispatcher', () => {
  it('runs a valid call', async () => {
    expect(await dispatch('math.add', { a: '2', b: '40' })).toEqual({ ok: true, value: { sum: '42' } });
  });

  it('rejects an unknown call by name', async () => {
    const result = await dispatch('wallet.withdraw', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call', retryable: false } });
    expect(!result.ok && result.error.message).toContain('wallet.withdraw');
  });

  it('does not treat inherited object keys as calls', async () => {
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('rejects invalid input with a message naming the field', async () => {
    const result = await dispatch('math.add', { a: '2', b: 'forty' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toMatch(/b: must be a decimal number/);
  });

  it('rejects unexpected input fields', async () => {
    expect(await dispatch('math.add', { a: '1', b: '1', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('strips output fields the contract does not name', async () => {
    expect(await dispatch('leaky.answer', {})).toEqual({ ok: true, value: { name: 'main' } });
  });

  it('refuses to send an output that breaks the contract', async () => {
    expect(await dispatch('broken.answer', {})).toMatchObject({ ok: false, error: { code: 'invalid_output' } });
  });

  it('passes AppErrors through and hides other failures', async () => {
    const failing = createDispatcher(testCalls, {
      'math.add': () => Promise.reject(new AppError('rate_limited', 'Slow down.', true)),
      'leaky.answer': () => Promise.reject(new Error('secret=abc123 in a stack')),
      'broken.answer': () => Promise.resolve({ total: '1' }),
    });
    expect(await failing('math.add', { a: '1', b: '1' })).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'Slow down.', retryable: true },
    });
    const hidden = await failing('leaky.answer', {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('abc123');
  });
});

function loopback(answer?: (name: string, input: unknown) => Promise<unknown>): Transport & { fire(name: string, payload: unknown): void } {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  return {
    invoke: answer ?? ((name, input) => dispatch(name, input)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: (name, payload) => listeners.forEach((listener) => listener(name, payload)),
  };
}

describe('createClient', () => {
  it('calls through the transport and returns the typed value', async () => {
    const client = createClient(testCalls, loopback());
    expect(await client['math.add']({ a: '1', b: '2' })).toEqual({ sum: '3' });
  });

  it('throws the AppError the main side sent', async () => {
    const client = createClient(testCalls, loopback());
    await expect(client['math.add']({ a: 'x', b: '2' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('validates every output, even if the main side is wrong', async () => {
    const client = createClient(
      testCalls,
      loopback(() => Promise.resolve({ ok: true, value: { sum: 3 } })),
    );
    await expect(client['math.add']({ a: '1', b: '2' })).rejects.toMatchObject({ code: 'invalid_output' });
  });

  it('rejects a malformed wire answer', async () => {
    const client = createClient(
      testCalls,
      loopback(() => Promise.resolve('<html>502</html>')),
    );
    await expect(client['math.add']({ a: '1', b: '2' })).rejects.toMatchObject({ code: 'bad_response', retryable: true });
  });
});

describe('events', () => {
  const testEvents = { 'sync.progress': z.object({ pages: z.number().int() }) };

  it('delivers valid payloads and drops invalid ones', () => {
    const transport = loopback();
    const seen: number[] = [];
    const stop = onEvent(testEvents, transport, 'sync.progress', (payload) => seen.push(payload.pages));
    transport.fire('sync.progress', { pages: 1 });
    transport.fire('sync.progress', { pages: 'two' });
    transport.fire('other.event', { pages: 3 });
    stop();
    transport.fire('sync.progress', { pages: 4 });
    expect(seen).toEqual([1]);
  });

  it('refuses to emit a payload that breaks its schema', () => {
    const sent: unknown[] = [];
    const emit = createEmitter(testEvents, (_name, payload) => sent.push(payload));
    emit('sync.progress', { pages: 2 });
    expect(() => emit('sync.progress', { pages: 1.5 })).toThrow();
    expect(sent).toEqual([{ pages: 2 }]);
  });
});
