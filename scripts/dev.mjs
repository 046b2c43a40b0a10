// `npm run dev`: the API through tsx (restarts on change) and the Vite dev server proxying /api to it.
import { spawn } from 'node:child_process'

const apiPort = process.env.KEEL_API_PORT ?? '3001'
const children = [
  spawn('npx', ['tsx', 'watch', 'server/index.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, KEEL_WEB_DIR: '' },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, KEEL_API_PORT: apiPort } }),
]
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', stop)
