// The web app builds into the API's wwwroot, so the API serves the production build (and its client routes).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const apiWebRoot = fileURLToPath(new URL('../api/Reasonable.Api/wwwroot', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: apiWebRoot, emptyOutDir: true, sourcemap: false },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Interaction tests take a few seconds on a machine busy with other builds; 5 s (the default) failed there.
    testTimeout: 20_000,
  },
});
