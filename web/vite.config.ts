// The browser app is built into web/dist, which the API serves (npm start). `npm run dev -w web`
// serves it with hot reload and forwards /api to the API on :3000.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
