// Starts the real server jar on a free port with a fresh data folder, and stops it again.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ADMIN_PASSWORD = 'E2e-Strong-Pass-2026!'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

export async function startServer(jar, logFile) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hsystem-e2e-'))
  const port = await freePort()
  const log = createWriteStream(logFile)
  const child = spawn('java', ['-Xmx768m', '-jar', jar], {
    env: {
      ...process.env,
      HSYSTEM_LAUNCHER: 'off',
      HSYSTEM_SENSORS_LOCAL_ENABLED: 'false',
      HSYSTEM_SENSORS_GATEWAY_PORT: '0',
      HSYSTEM_DATA_DIR: dataDir,
      HSYSTEM_PORT: String(port),
      HSYSTEM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      HSYSTEM_INGEST_SYSLOG_PORT: '0',
      HSYSTEM_LOG_FILE: '-',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 240_000
  let exited = null
  child.on('exit', (code) => (exited = code))
  for (;;) {
    if (exited !== null) throw new Error(`the server exited with ${exited}; see ${logFile}`)
    if (Date.now() > deadline) throw new Error(`the server did not become healthy in 240 s; see ${logFile}`)
    try {
      const r = await fetch(`${base}/actuator/health`)
      if (r.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  return {
    base,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM')
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL')
            resolve()
          }, 30_000)
          child.on('exit', () => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A small API client for the test's own set-up (admin token, ingest key, events). */
export async function api(base) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  })
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`)
  const { access_token: token } = await login.json()
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
  return {
    call,
    async ingestKey(sourceType) {
      const created = await call('POST', '/api/v1/ingest/keys', { name: `e2e ${sourceType}`, source_type: sourceType })
      return created.api_key
    },
    async ingest(key, events) {
      const r = await fetch(`${base}/api/v1/ingest/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-Key': key },
        body: JSON.stringify(events),
      })
      const body = await r.json()
      if (!r.ok || body.rejected_count) throw new Error(`ingest: ${r.status} ${JSON.stringify(body)}`)
      return body
    },
  }
}
