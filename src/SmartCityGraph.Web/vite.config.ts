import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two pages, one bundle graph: the GraphiQL IDE (served by the server at GET /graphql for browsers)
// and the relationship explorer (served at /explorer). Assets live under /ui/ on the server.
export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000, // Monaco is big; it is loaded once and cached
    rollupOptions: {
      input: {
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
        explorer: resolve(import.meta.dirname, 'explorer.html'),
      },
      // GraphiQL's React-compiler hints ("use no memo") mean nothing to a bundle; the rest is worth reading.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
