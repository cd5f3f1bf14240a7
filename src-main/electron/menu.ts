// The application menu: standard edit roles (paste into the key fields), screen shortcuts, Kraken help links.
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { openAllowlisted } from './open-external';
import { KRAKEN_LINKS } from '../../src-shared/external-links';
import type { Screen } from '../../src-shared/contract/app';

export function buildMenu(navigate: (screen: Screen) => void): void {
  const isMac = process.platform === 'darwin';
  const screens: [Screen, string][] = [
    ['portfolio', 'Portfolio'],
    ['history', 'History'],
    ['reconcile', 'Reconcile'],
    ['settings', 'Settings'],
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...screens.map(([screen, label], index): MenuItemConstructorOptions => ({
          label,
          accelerator: `CmdOrCtrl+${index + 1}`,
          click: () => navigate(screen),
        })),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Kraken system status', click: () => void openAllowlisted(KRAKEN_LINKS.status) },
        { label: 'Converting small balances (Kraken support)', click: () => void openAllowlisted(KRAKEN_LINKS.smallBalancesHelp) },
        { label: 'Kraken API key settings', click: () => void openAllowlisted(KRAKEN_LINKS.apiKeys) },
        { type: 'separator' },
        { label: 'Open log folder', click: () => void shell.openPath(app.getPath('logs')) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
