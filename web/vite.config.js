import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The built files ship inside the jar: the edge serves target/classes/webapp from the classpath.
// Hashed names under /assets are cached for a year; index.html is never cached.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'target/classes/webapp',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` talks to a platform started with the README's first command, or to the
    // one HOLDFAST_API names.
    host: '127.0.0.1',
    proxy: {
      '/v1': process.env.HOLDFAST_API || 'http://127.0.0.1:8080',
      '/health': process.env.HOLDFAST_API || 'http://127.0.0.1:8080',
    },
  },
});
