/**
 * Renderer entry: finds the engine (Electron bridge or browser-mode WebSocket) and mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getWorkbenchApi } from './api/get-workbench-api';
import { WorkbenchProvider } from './api/workbench-provider';
import { App } from './app/app';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const api = getWorkbenchApi();

createRoot(container).render(
  <StrictMode>
    <WorkbenchProvider api={api}>
      <App />
    </WorkbenchProvider>
  </StrictMode>,
);
