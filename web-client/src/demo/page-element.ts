/**
 * The element of a served page (the demo, the library) that its script needs.
 *
 * @throws Error when the page's HTML lacks it (a broken build, not a user's error)
 */
export function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (found === null) {
    throw new Error(`The page lacks ${selector}`);
  }
  return found;
}
