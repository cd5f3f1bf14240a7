// The one web-standard global src-shared relies on, present in every runtime we target (Node 20, Chromium).
// Declared here because src-shared deliberately compiles without the DOM and Node type libraries.
declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  toString(): string;
}
