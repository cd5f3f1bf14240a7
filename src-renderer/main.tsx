// The page starts here: one transport (Electron's preload bridge, else browser mode's local server), one contract
// client, every store, and the app on top of them.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api';
import { createMainLinkStore } from './api/main-link';
import { createElectronTransport } from './api/transport-electron';
import { createHttpTransport } from './api/transport-http';
import { App } from './app/App';
import { browserHashLocation } from './app/navigation';
import { StoresContext } from './app/store-context';
import { createStores } from './app/stores';
import { openInNewTab } from './features/conversion/conversion-store';
import './styles/theme.css';
import './styles/base.css';

const mainLink = createMainLinkStore();
const transport = window.oc9 ? createElectronTransport(window.oc9) : createHttpTransport(mainLink.getState().report);
const stores = createStores({ api: createApiClient(transport), location: browserHashLocation(), openPage: openInNewTab, mainLink });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
);
