// Vite builds the Solid web app (web/) into dist/web; in dev it proxies /api to the API server.
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

const apiPort = process.env.KEEL_API_PORT ?? '3001'

export default defineConfig({
  root: 'web',
  plugins: [solid()],
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: {
    port: 3000,
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
})
