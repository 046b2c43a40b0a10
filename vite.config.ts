// Vite builds the Solid web app (web/) into dist/web (or $KEEL_BUILD_DIR/web); in dev it proxies /api to
// the API server.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import solid from 'vite-plugin-solid'

const apiPort = process.env.KEEL_API_PORT ?? '3001'
const buildDir = resolve(process.env.KEEL_BUILD_DIR ?? 'dist')

/** Writes .br and .gz beside every text asset; the server sends them to browsers that accept them. */
function precompress(dir: string): Plugin {
  const walk = (path: string): string[] =>
    statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => walk(join(path, name))) : [path]
  return {
    name: 'keel-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(dir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file) || statSync(file).size < 1024) continue
        const data = readFileSync(file)
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }))
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        )
      }
    },
  }
}

export default defineConfig({
  root: 'web',
  plugins: [solid(), precompress(resolve(buildDir, 'web'))],
  build: { outDir: resolve(buildDir, 'web'), emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: {
    port: 3000,
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
})
