/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// base './' so a build works from tauri:// and from any static server (the perf harness).
// `vite build` builds the app into dist/; `vite build --mode bench` builds the canvas benchmark
// page (bench/index.html) into dist-bench/, where the harness opens it as index.html.
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  ...(mode === 'bench'
    ? { root: resolve(import.meta.dirname, 'bench'), build: { outDir: resolve(import.meta.dirname, 'dist-bench'), emptyOutDir: true, sourcemap: false, target: 'es2022' } }
    : { build: { sourcemap: false, target: 'es2022' } }),
  test: { environment: 'jsdom', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
}));
