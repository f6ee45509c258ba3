import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';

/**
 * A viewer of a long recording in a page, as the media lifetime tests drive one on either backend:
 * the player's state read from the page (no browser-specific API), play then pause, seek beyond
 * what was buffered.
 */
export interface PlayerState { time: number; duration: number; bufferedEnd: number; error: number | null; noSource: boolean; paused: boolean }

/** The page's one `<video>`'s state. */
export function state(page: Page): Promise<PlayerState> {
  return page.$eval('video', (v) => ({
    time: v.currentTime,
    duration: v.duration,
    bufferedEnd: v.buffered.length === 0 ? 0 : v.buffered.end(v.buffered.length - 1),
    error: v.error?.code ?? null,
    // A source that fails while the element (re)selects its resource errs on the <source>, leaving no source.
    noSource: v.networkState === HTMLMediaElement.NETWORK_NO_SOURCE,
    paused: v.paused,
  }));
}

/** Reads until `done`, every 100 ms, at most `timeoutMs`; the error says what it last read. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/** Plays (muted, so no gesture is needed) past 1 s, then pauses. */
export async function playThenPause(page: Page): Promise<void> {
  await until(() => state(page), (s) => Number.isFinite(s.duration) && s.duration > 0, 'metadata');
  await page.$eval('video', (v) => { v.muted = true; void v.play().catch(() => undefined); });
  await until(() => state(page), (s) => s.time > 1, 'playing');
  await page.$eval('video', (v) => v.pause());
}

/** Seeks to 8 s before the end, beyond what was buffered, and plays from there. */
export async function seekNearTheEndAndPlay(page: Page): Promise<number> {
  const before = await state(page);
  const target = before.duration - 8;
  expect(before.bufferedEnd, 'the seek must need bytes not fetched yet').toBeLessThan(target);
  await page.$eval('video', (v, at) => { v.currentTime = at; void v.play().catch(() => undefined); }, target);
  return target;
}

/** Waits out a media URL's life of `seconds`: the scenario itself (a viewer's pause), not a guard against flakiness. */
export function pausePast(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, (seconds + 1) * 1000));
}
