// Builds the UI into dist/web, which `catalog serve` and `catalog demo` serve at `/`
// (server/api/web/web-ui.ts). `npm run build` runs this after compiling the server.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev:web` against a running `catalog serve` / `catalog demo` on :8080
    proxy: { '/api': process.env.CATALOG_URL ?? 'http://127.0.0.1:8080' },
  },
});
