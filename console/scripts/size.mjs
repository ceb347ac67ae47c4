// Prints the gzip size of the JavaScript a browser loads for the first pages (entry chunk plus
// the route chunks and everything they import statically), from dist/.vite/manifest.json.
// Run after `npm run build`: npm run size
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'))
const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue
    seen.add(key)
    closure(manifest[key].imports ?? [], seen)
  }
  return seen
}

function report(label, keys) {
  const chunks = closure(keys)
  let js = 0
  let css = 0
  const cssFiles = new Set()
  for (const key of chunks) {
    js += gz(manifest[key].file)
    for (const c of manifest[key].css ?? []) cssFiles.add(c)
  }
  for (const c of cssFiles) css += gz(c)
  console.log(`${label.padEnd(34)} JS ${(js / 1024).toFixed(1).padStart(7)} KB gzip  CSS ${(css / 1024).toFixed(1).padStart(6)} KB gzip  (${chunks.size} chunks)`)
  return js
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
report('entry only', [entry])
report('first page: login', [entry, 'src/modules/auth/views/LoginView.vue'])
const dashboard = report('first page after login: dashboard', [entry, 'src/app/layout/AppLayout.vue', 'src/modules/dashboard/views/DashboardView.vue'])
report('alert center', [entry, 'src/app/layout/AppLayout.vue', 'src/modules/alerts/views/AlertsView.vue'])
const LIMIT = 600 * 1024
if (dashboard > LIMIT) {
  console.error(`the first page's JavaScript is over 600 KB gzip`)
  process.exit(1)
}
