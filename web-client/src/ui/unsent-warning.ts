/**
 * Asks the browser to warn before the page unloads while `isUnsent()` says part of a recording has
 * not reached the server. (The journal keeps it either way, but it would only go up on a later
 * visit.) Returns a function that removes the warning.
 */
export function warnWhileUnsent(isUnsent: () => boolean, target: Window = window): () => void {
  const listener = (event: BeforeUnloadEvent) => {
    if (isUnsent()) {
      event.preventDefault();
      // Older Chromium and Safari show the dialog only when returnValue is set.
      event.returnValue = '';
    }
  };
  target.addEventListener('beforeunload', listener);
  return () => target.removeEventListener('beforeunload', listener);
}
