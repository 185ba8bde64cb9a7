import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client';
import { httpTransport, ipcTransport } from './api/transports';
import { ApiProvider } from './api/use-api';
import { App } from './App';
import './styles.css';

// Same bundle in both front doors: only the transport differs.
const api = createApi(window.trellisBridge ? ipcTransport(window.trellisBridge) : httpTransport());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
