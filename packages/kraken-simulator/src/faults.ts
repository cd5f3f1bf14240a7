// Faults injected through the admin API for the next N Kraken calls (optionally one endpoint only): slow answers,
// HTTP errors, HTML pages, truncated JSON, Kraken's service errors, schema drift (Kraken changing its answers), and
// another program using the same key (its nonce lands first, or it spends the call counter).
import { z } from 'zod';

export const FaultSpec = z.object({
  kind: z.enum([
    'latency',
    'http-error',
    'html',
    'truncated',
    'busy',
    'unavailable',
    'drift-extra-fields',
    'drift-missing-optional',
    'drift-unknown-ledger-type',
    'other-client-nonce',
    'other-client-rate',
  ]),
  /** How many matching calls the fault applies to. */
  count: z.number().int().positive().default(1),
  /** A method name such as "Ledgers" (or its path); absent = any Kraken call. */
  endpoint: z.string().min(1).optional(),
  /** latency: real milliseconds to wait before answering. */
  ms: z.number().int().nonnegative().max(120_000).default(0),
  /** http-error (default 500) and html (default 200): the HTTP status to answer with. */
  status: z.number().int().min(200).max(599).optional(),
  /** http-error/html: run the call first, then lose its answer (the order may have been placed). */
  afterExecution: z.boolean().default(false),
});
export type FaultSpec = z.infer<typeof FaultSpec>;

export class FaultQueue {
  private faults: FaultSpec[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec });
  }

  clear(): void {
    this.faults = [];
  }

  pending(): readonly FaultSpec[] {
    return this.faults;
  }

  /** The first fault that applies to this method, consumed once. */
  take(method: string): FaultSpec | undefined {
    const fault = this.faults.find((f) => f.endpoint === undefined || f.endpoint.split('/').at(-1) === method);
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

export const CLOUDFLARE_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>api.kraken.com | 520: Web server is returning an unknown error</title></head>
<body><h1>Web server is returning an unknown error</h1><p>Error code 520</p><p>Cloudflare Ray ID: 8c1f2a3b4c5d6e7f</p></body></html>
`;
