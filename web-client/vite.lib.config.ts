import { defineConfig } from 'vite';

/** Builds the library (src/index.ts) that a call app imports into dist/lib/, dependencies left external. */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'call-recordings' },
    rollupOptions: { external: ['p-retry', 'worker-timers'] },
  },
});
