// The web app: Preact (a React-compatible library of 4 KB) so the public pages stay far under the
// 300 KB budget; the workspace and its in-browser checker load only after signing in.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
