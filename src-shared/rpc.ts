// The machinery behind the one contract: typed server dispatch and a typed client, both validating with the
// contract's schemas, so adding a call is one contract entry plus one handler.
import { z } from 'zod';
import { AppError, AppErrorShape, toAppError } from './errors';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> {
  return { input, output };
}

export type CallTable = Record<string, CallSpec>;
export type EventTable = Record<string, z.ZodType>;

/** What crosses a transport for one call. */
export const WireResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorShape }),
]);
export type WireResult = z.infer<typeof WireResult>;

export type HandlerTable<C extends CallTable> = {
  [N in keyof C]: (input: z.output<C[N]['input']>) => Promise<z.input<C[N]['output']>>;
};

export type ClientTable<C extends CallTable> = {
  [N in keyof C]: (input: z.input<C[N]['input']>) => Promise<z.output<C[N]['output']>>;
};

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * Server side: rejects unknown calls and invalid input, runs the handler, and re-validates its output so nothing
 * outside the schema (a secret, an internal field) can ever leave.
 */
export function createDispatcher<C extends CallTable>(
  calls: C,
  handlers: HandlerTable<C>,
  /** Told of every failure that is not an AppError: the user reads "check the log", so it must be there. */
  onInternal?: (name: string, error: unknown) => void,
): (name: string, rawInput: unknown) => Promise<WireResult> {
  return async (name, rawInput) => {
    try {
      if (!Object.hasOwn(calls, name)) {
        throw new AppError('unknown_call', `"${name}" is not a call this app knows. Update the app and try again.`);
      }
      const spec = calls[name] as CallSpec;
      const parsed = safeParseInput(spec.input, rawInput ?? {}, name);
      if (!parsed.success) {
        throw new AppError('invalid_input', `Invalid input for ${name}: ${describeIssues(parsed.error)}.`);
      }
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        throw new AppError('invalid_output', `The app produced an invalid answer for ${name}: ${describeIssues(checked.error)}.`);
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (!(error instanceof AppError)) onInternal?.(name, error);
      return { ok: false, error: toAppError(error).toShape() };
    }
  };
}

/** A schema whose check throws is a bug, but the caller still hears that the input was refused, not "internal". */
function safeParseInput(schema: z.ZodType, input: unknown, name: string): ReturnType<z.ZodType['safeParse']> {
  try {
    return schema.safeParse(input);
  } catch {
    throw new AppError('invalid_input', `Invalid input for ${name}: a value could not be checked. Correct it and try again.`);
  }
}

export interface Transport {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** Client side: one typed function per call; every answer is validated before the UI sees it. */
export function createClient<C extends CallTable>(calls: C, transport: Transport): ClientTable<C> {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, spec] of Object.entries(calls)) {
    client[name] = async (input) => {
      const wire = WireResult.safeParse(await transport.invoke(name, input));
      if (!wire.success) throw new AppError('bad_response', `The app's back end sent a malformed answer to ${name}.`, true);
      if (!wire.data.ok) throw AppError.from(wire.data.error);
      const value = spec.output.safeParse(wire.data.value);
      if (!value.success) {
        throw new AppError('invalid_output', `The answer to ${name} did not match the contract: ${describeIssues(value.error)}.`);
      }
      return value.data;
    };
  }
  return client as ClientTable<C>;
}

export type EventListener<E extends EventTable, N extends keyof E> = (payload: z.output<E[N]>) => void;

/** Subscribes to one typed event; payloads that fail their schema are dropped, never passed on. */
export function onEvent<E extends EventTable, N extends keyof E & string>(
  events: E,
  transport: Transport,
  name: N,
  listener: EventListener<E, N>,
): () => void {
  const schema = events[name] as z.ZodType;
  return transport.subscribe((eventName, payload) => {
    if (eventName !== name) return;
    const parsed = schema.safeParse(payload);
    if (parsed.success) listener(parsed.data as z.output<E[N]>);
  });
}

/** Server side: validates before emitting so a bad payload is a bug found here, not in the page. */
export function createEmitter<E extends EventTable>(
  events: E,
  send: (name: string, payload: unknown) => void,
): <N extends keyof E & string>(name: N, payload: z.input<E[N]>) => void {
  return (name, payload) => {
    const schema = events[name] as z.ZodType;
    send(name, schema.parse(payload));
  };
}
