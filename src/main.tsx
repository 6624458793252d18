import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { useStore } from './store';

// A hook for tests and curious readers: the store, read-only by convention.
(window as unknown as { __gatescope: unknown }).__gatescope = { store: useStore };

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
