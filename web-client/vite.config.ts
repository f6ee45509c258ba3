import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the demo call page (index.html) and the recordings library (library/index.html) into
 * dist/, which the server serves at `/` and `/library`.
 */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        demo: resolve(import.meta.dirname, 'index.html'),
        library: resolve(import.meta.dirname, 'library/index.html'),
      },
    },
  },
});
