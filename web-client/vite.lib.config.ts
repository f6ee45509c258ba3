import { defineConfig } from 'vite';

/**
 * Builds the library that a call app imports into dist/lib/: the main entry (src/index.ts) and the
 * `elements` subpath (src/elements.ts), dependencies left external.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: { 'call-recordings': 'src/index.ts', elements: 'src/elements.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rollupOptions: { external: ['p-retry', 'worker-timers'] },
  },
});
