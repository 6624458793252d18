import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/styles/base.css';
import './app/styles/views.css';
import './app/styles/panels.css';
import './app/styles/lesson.css';
import { useStore } from './store';
import { applyLink } from './share/useShareLink';
import { startServiceWorker } from './app/serviceWorker';

// The link's settings go into the store before anything is drawn or the worker configured.
applyLink(window.location.hash, navigator.languages);

// A hook for tests and curious readers: the store, read-only by convention.
(window as unknown as { __gatescope: unknown }).__gatescope = { store: useStore };

// Offline use after one visit; a new version waits until the user reloads into it.
startServiceWorker();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
