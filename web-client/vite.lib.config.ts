import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

/** The package's dependencies, and their subpaths: an app's bundler resolves them once for the whole app. */
const dependencies = Object.keys((JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
const external = (id: string): boolean => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Builds the library that a call app imports into dist/lib/: the main entry (src/index.ts) and the
 * `elements` subpath (src/elements.ts), every dependency left external.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: { 'call-recordings': 'src/index.ts', elements: 'src/elements.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rollupOptions: { external },
  },
});
