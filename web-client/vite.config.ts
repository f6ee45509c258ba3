import { defineConfig } from 'vite';

/** Builds the demo call page (index.html) into dist/, which the server serves at `/`. */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
});
