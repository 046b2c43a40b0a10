// Vite builds the Solid web app (web/) into dist/web (or $KEEL_BUILD_DIR/web); in dev it proxies /api to
// the API server.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

const apiPort = process.env.KEEL_API_PORT ?? '3001'
const buildDir = resolve(process.env.KEEL_BUILD_DIR ?? 'dist')

export default defineConfig({
  root: 'web',
  plugins: [solid()],
  build: { outDir: resolve(buildDir, 'web'), emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: {
    port: 3000,
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
})
