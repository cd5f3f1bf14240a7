// A refusal in Kraken's words: the exact error string goes into the envelope's `error` array.

export class KrakenError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'KrakenError';
  }
}
