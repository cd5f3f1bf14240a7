// mirror.status: what the operator should know about the current account's mirror (rebuilt, kept in memory only,
// a running balance that does not add up), and mirror.changed whenever that changes.
import type { mirrorCalls } from '../../../src-shared/contract/mirror';
import type { HandlerTable } from '../../../src-shared/rpc';
import type { MirrorStatus } from '../../../src-shared/contract/mirror';
import type { Emit } from '../../app/contract-host';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import { accountKey } from '../../connection/account-key';
import type { ConnectionManager } from '../../connection/connection-manager';
import { settle } from '../../app/settle';

export function createMirrorService(deps: {
  connections: Pick<ConnectionManager, 'current'>;
  mirrors: Pick<AccountMirrors, 'of' | 'status'>;
  emit: Emit;
}): { handlers: HandlerTable<typeof mirrorCalls> } {
  const said = new Map<string, string>();
  const listening = new Set<string>();

  /** The current account's status; a change since it was last said is announced. */
  const status = (): MirrorStatus => {
    const connection = deps.connections.current();
    const key = accountKey(connection);
    const now = deps.mirrors.status(connection);
    if (!listening.has(key)) {
      listening.add(key);
      // a disk that fills up, or a balance that breaks, shows up on a write
      deps.mirrors.of(connection).mirror.onChange(() => {
        if (accountKey(deps.connections.current()) === key) status();
      });
    }
    const text = JSON.stringify(now);
    if (said.has(key) && said.get(key) !== text) deps.emit('mirror.changed', now);
    said.set(key, text);
    return now;
  };

  return { handlers: { 'mirror.status': () => settle(status) } };
}
