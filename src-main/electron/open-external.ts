// The one place the app hands a URL to the system browser: only allowlisted Kraken pages (and, in demo mode, the
// simulator's stand-in page) ever get through.
import { shell } from 'electron';
import { isAllowedExternalUrl } from '../../src-shared/external-links';

export async function openAllowlisted(url: string, extraOrigins: readonly string[] = []): Promise<boolean> {
  if (!isAllowedExternalUrl(url, extraOrigins)) return false;
  await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  return true;
}
