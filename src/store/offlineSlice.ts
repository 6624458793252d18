/**
 * The service worker's news, as the app layer (src/app/serviceWorker.ts, which registers it)
 * reports it: the app is cached for offline use; a newer version waits. Reloading into the new
 * version is the user's choice, asked of the app layer through `updates`, set by connectUpdates().
 */
import type { StateCreator } from 'zustand';
import type { Store } from './index';

/** What the app layer lets the store ask of the service worker. */
export interface UpdateControl {
  /** Let the waiting version take over, then reload the page into it. */
  reloadIntoUpdate(): void;
}

export interface OfflineSlice {
  updates: UpdateControl;
  /** The app shell, the workers, the fonts and the equations are cached: it loads and trains offline. */
  offlineReady: boolean;
  /** A newer version is installed and waiting; the page runs the old one until it reloads. */
  updateWaiting: boolean;
  connectUpdates: (control: UpdateControl) => void;
  setOfflineReady: () => void;
  setUpdateWaiting: () => void;
  dismissUpdate: () => void;
  reloadIntoUpdate: () => void;
}

export const createOfflineSlice: StateCreator<Store, [], [], OfflineSlice> = (set, get) => ({
  updates: { reloadIntoUpdate: () => {} },
  offlineReady: false,
  updateWaiting: false,
  connectUpdates: (control) => set({ updates: control }),
  setOfflineReady: () => set({ offlineReady: true }),
  setUpdateWaiting: () => set({ updateWaiting: true }),
  dismissUpdate: () => set({ updateWaiting: false }),
  reloadIntoUpdate: () => get().updates.reloadIntoUpdate(),
});
