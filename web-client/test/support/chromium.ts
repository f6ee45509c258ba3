import args from './chromium-args.json' with { type: 'json' };

/** The system Chromium; no test tool may download a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium with a fake camera and microphone that need no permission prompt. The list
 * lives in chromium-args.json so that bench/browser (plain Node, no TypeScript) launches the same.
 */
export const CHROMIUM_ARGS: readonly string[] = args;
