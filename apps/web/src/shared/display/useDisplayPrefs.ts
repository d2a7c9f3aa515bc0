import { useSyncExternalStore } from 'react';
import { DISPLAY_STORAGE_KEY, type DisplayPrefs, htmlDisplayAttribute, parseDisplayPrefs } from './displayPrefs';

function read(): DisplayPrefs {
  try {
    return parseDisplayPrefs(window.localStorage.getItem(DISPLAY_STORAGE_KEY));
  } catch {
    return parseDisplayPrefs(null);
  }
}

let current: DisplayPrefs = read();
const listeners = new Set<() => void>();

function apply(prefs: DisplayPrefs): void {
  document.documentElement.dataset.display = htmlDisplayAttribute(prefs);
}
apply(current);

export function setDisplayPrefs(next: DisplayPrefs): void {
  current = next;
  try {
    window.localStorage.setItem(DISPLAY_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Private browsing may refuse storage; the choice still holds for this page.
  }
  apply(next);
  listeners.forEach((listener) => listener());
}

/** The reader's display preferences and a setter; every subscriber re-renders on change. */
export function useDisplayPrefs(): [DisplayPrefs, (next: DisplayPrefs) => void] {
  const prefs = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  return [prefs, setDisplayPrefs];
}
