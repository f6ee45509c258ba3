import { commands } from 'vitest/browser';

let buttons = 0;

/**
 * Runs `action` inside a real click on a button of the test page (see the `userClick` command),
 * as an app's record button would: audio contexts created or resumed there may start.
 */
export async function inUserClick<T>(action: () => T): Promise<T> {
  buttons += 1;
  const button = document.createElement('button');
  button.id = `user-gesture-${buttons}`;
  button.textContent = 'click';
  document.body.append(button);
  try {
    const clicked = new Promise<T>((resolve, reject) =>
      button.addEventListener(
        'click',
        () => {
          try {
            resolve(action());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
        { once: true },
      ),
    );
    await commands.userClick(`#${button.id}`);
    return await clicked;
  } finally {
    button.remove();
  }
}
