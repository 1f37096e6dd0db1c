import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// npm hoists a React 18 copy to the repo root (a transitive peer range of antd-mobile);
// `dedupe` pins every import of react/react-dom to the React 19 copy of this workspace.
export default defineConfig({
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom'] },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
