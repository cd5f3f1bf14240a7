// A stand-in for Electron's WebContents in shell tests (the binary cannot run here): records its handlers.
type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents {
  handlers = new Map<string, Handler>();
  openHandler: Handler | null = null;
  on(event: string, handler: Handler): this {
    this.handlers.set(event, handler);
    return this;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.openHandler = handler;
  }
  /** Fires a guarded event; true when the guard prevented it. */
  fire(event: string, url?: string): boolean {
    let prevented = false;
    this.handlers.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}
