// Errors cross every boundary as this plain shape: a stable code, words a trader understands, and whether trying
// again could help.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid_input',
  'unknown_call',
  'invalid_output',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_key',
  'invalid_signature',
  'invalid_nonce',
  'permission_denied',
  'rate_limited',
  'locked_out',
  'service_unavailable',
  'busy',
  'insufficient_funds',
  'order_minimum',
  'cost_minimum',
  'tick_size',
  'unknown_pair',
  'unknown_asset',
  'unknown_order',
  'invalid_arguments',
  'network',
  'timeout',
  'bad_response',
  'no_keychain',
  'storage',
  'cooldown',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({ code: ErrorCode, message: z.string(), retryable: z.boolean() });
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }

  static from(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.retryable);
  }
}

/** Anything thrown becomes an AppError; unknown failures never leak their internals (they may hold secrets). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', 'Something went wrong inside OC9 Console. Try again; if it persists, check the log.');
}
