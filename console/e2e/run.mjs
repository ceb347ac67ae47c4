// End-to-end tests: the real server jar, Debian's Chromium driven by playwright-core.
//   node e2e/run.mjs [--jar ../server/target/hsystem-server.jar] [--no-screenshots]
// Without /usr/bin/chromium the run is skipped with the reason printed, unless HSYSTEM_CI=1, when
// it fails. Screenshots (zh-CN) of each page go to ../docs/screenshots/.
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { api, ADMIN_PASSWORD, startServer } from './server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const jar = resolve(arg('--jar', join(here, '../../server/target/hsystem-server.jar')))
const chromium = process.env.HSYSTEM_CHROMIUM ?? '/usr/bin/chromium'
const shots = args.includes('--no-screenshots') ? null : resolve(here, '../../docs/screenshots')
const out = resolve(here, '.out')
mkdirSync(out, { recursive: true })

if (process.env.HSYSTEM_TEST_DB_URL) {
  // CI runs the suite a second time against an external PostgreSQL; the console does not depend on
  // the database, and its e2e tests start their own server on the embedded one: once is enough
  console.log('SKIPPED e2e: HSYSTEM_TEST_DB_URL is set (the e2e tests ran with the embedded database)')
  process.exit(0)
}
if (!existsSync(chromium)) {
  const why = `e2e: ${chromium} is missing (apt-get install -y chromium)`
  if (process.env.HSYSTEM_CI === '1') {
    console.error(`${why}: failing, because HSYSTEM_CI=1`)
    process.exit(1)
  }
  console.log(`SKIPPED ${why}`)
  process.exit(0)
}
if (!existsSync(jar)) {
  console.error(`e2e: no server jar at ${jar}; build it with ./mvnw -q -B -o install -DskipTests`)
  process.exit(1)
}

const { chromium: browserType } = await import('playwright-core')
const started = Date.now()
const results = []
let server
let browser
const dialogs = []

async function step(name, fn) {
  const t0 = Date.now()
  try {
    await fn()
    results.push({ name, ok: true, ms: Date.now() - t0 })
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - t0 })
    console.log(`  ✗ ${name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`)
    try {
      await page?.screenshot({ path: join(out, `failed-${results.length}.png`), fullPage: true })
    } catch {
      // no page to capture
    }
  }
}

async function shot(name) {
  if (!shots) return
  mkdirSync(shots, { recursive: true })
  await page.waitForTimeout(600) // let charts and transitions settle
  await page.screenshot({ path: join(shots, `${name}.png`) })
}

let page
try {
  console.log(`e2e: starting ${jar}`)
  server = await startServer(jar, join(out, 'server.log'))
  console.log(`e2e: server up at ${server.base} after ${Math.round((Date.now() - started) / 1000)} s`)
  const admin = await api(server.base)
  const sensorKey = await admin.ingestKey('hsystem_sensor')

  browser = await browserType.launch({
    executablePath: chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  page = await context.newPage()
  page.setDefaultTimeout(15_000)
  page.on('dialog', async (d) => {
    dialogs.push(d.message())
    await d.dismiss()
  })
  const url = (path) => server.base + path

  await step('login page (zh-CN by default) and sign in', async () => {
    await page.goto(url('/alerts'))
    await page.waitForURL(/\/login\?redirect=/)
    await page.getByText('H-System 蜜罐 EDR 平台').waitFor()
    await shot('01-login')
    await page.fill('[data-test=username]', 'admin')
    await page.fill('[data-test=password]', ADMIN_PASSWORD)
    await page.click('[data-test=login-submit]')
    await page.waitForURL((u) => u.pathname === '/alerts') // back where the user was going
    await page.locator('[data-test=alerts-page]').waitFor()
  })

  const XSS = '<img src=x onerror=alert(1)>'
  let alertId
  await step('an ingested honeypot login attempt appears live in the alert center', async () => {
    await page.locator('[data-test=ws-state].on').waitFor()
    const now = new Date().toISOString()
    await admin.ingest(sensorKey, [
      {
        event_time: now,
        event_type: 'login_attempt',
        event_category: 'honeypot',
        sensor_id: 'hp-e2e',
        host_name: 'hp-e2e',
        service: 'ssh',
        src_ip: '45.141.84.12',
        dst_port: 2222,
        username: XSS,
        password: '123456',
      },
      {
        event_time: now,
        event_type: 'process_start',
        event_category: 'process',
        host_name: 'WIN-SERVER-01',
        process_name: 'svchost.exe',
        path: 'C:\\Temp\\svchost.exe',
        command_line: 'C:\\Temp\\svchost.exe -k netsvcs',
        user: 'CORP\\bob',
      },
    ])
    const row = page.locator('.el-table__row', { hasText: 'honeypot_login_attempt' }).first()
    await row.waitFor({ timeout: 30_000 })
    await page.locator('[data-test=live-badge]').waitFor()
    const alerts = await admin.call('GET', '/api/v1/alerts?alert_type=honeypot_login_attempt')
    alertId = alerts.items[0].id
    await shot('03-alerts')
  })

  await step('the attacker-controlled username renders as text in the alert detail (no script runs)', async () => {
    await page.locator('.el-table__row', { hasText: 'honeypot_login_attempt' }).first().click()
    await page.locator('[data-test=alert-drawer]').waitFor()
    await page.locator('[data-test=evidence] .el-collapse-item__header').first().click()
    await page.getByText(XSS, { exact: true }).first().waitFor()
    if (await page.locator('[data-test=evidence] img').count()) throw new Error('an <img> element was rendered from event data')
    await shot('04-alert-detail')
    if (dialogs.length) throw new Error(`a dialog fired: ${dialogs.join(', ')}`)
  })

  await step('handling the alert with a remark changes its status', async () => {
    await page.click('[data-test=drawer-handle]')
    await page.locator('[data-test=handle-dialog]').waitFor()
    await page.click('[data-test=handle-status-handled]')
    await page.fill('[data-test=handle-remark] textarea, textarea[data-test=handle-remark]', '已隔离主机')
    await page.click('[data-test=handle-submit]')
    await page.locator('[data-test=drawer-remark]', { hasText: '已隔离主机' }).waitFor()
    await page.locator('[data-test=drawer-status]', { hasText: '已处理' }).waitFor()
    await page.keyboard.press('Escape')
    await page.locator(`[data-test=status-${alertId}]`, { hasText: '已处理' }).waitFor()
    const detail = await admin.call('GET', `/api/v1/alerts/${alertId}`)
    if (detail.status !== 'handled' || detail.remark !== '已隔离主机') throw new Error(`server has ${detail.status} / ${detail.remark}`)
  })

  await step('the dashboard shows the attack', async () => {
    await page.click('[data-test=nav-dashboard]')
    await page.locator('[data-test=dashboard]').waitFor()
    await page.getByText('45.141.84.12').first().waitFor()
    await shot('02-dashboard')
  })

  await step("a top attacking IP opens the attacker's profile, its credentials as text", async () => {
    await page.locator('[data-test=top-ips]').getByText('45.141.84.12').first().click()
    await page.waitForURL((u) => u.pathname === '/attackers/45.141.84.12')
    await page.locator('[data-test=attacker-credentials]').getByText(XSS, { exact: true }).waitFor()
    if (await page.locator('[data-test=attacker-page] img').count()) throw new Error('an <img> element was rendered from event data')
    await shot('14-attacker')
    if (dialogs.length) throw new Error(`a dialog fired: ${dialogs.join(', ')}`)
  })

  await step('the honeypot page creates an enrollment token and shows its start command once', async () => {
    await page.goto(url('/honeypots'))
    await page.locator('[data-test=sensors-table]').waitFor()
    await shot('10-honeypots')
    await page.click('[data-test=new-token]')
    await page.fill('[data-test=token-name] input, input[data-test=token-name]', 'e2e-sensor')
    await page.click('[data-test=token-create]')
    const command = (await page.locator('[data-test=token-command]').textContent()) ?? ''
    const token = (await page.locator('[data-test=token-secret]').textContent()) ?? ''
    if (!token || !command.includes(token)) throw new Error(`the command does not carry the token: ${command}`)
    await shot('10-honeypots-token')
    await page.keyboard.press('Escape')
    await page.locator('[data-test=tokens-table]').getByText('e2e-sensor').waitFor()
    const listed = await admin.call('GET', '/api/v1/sensors/enrollment-tokens')
    if (JSON.stringify(listed).includes(token)) throw new Error('the token list carries the secret')
  })

  await step("the seed's hunting query finds the event and is saved as a template", async () => {
    await page.click('[data-test=nav-hunting]')
    await page.locator('[data-test=hunting-page]').waitFor()
    await page.fill('[data-test=hunt-query]', 'process_name:svchost.exe AND path:C:\\Temp\\*')
    await page.keyboard.press('Escape')
    await page.click('[data-test=hunt-run]')
    await page.locator('[data-test=hunt-total]', { hasText: '共 1 条' }).waitFor()
    await page.locator('[data-test=hunt-results]').getByText('C:\\Temp\\svchost.exe', { exact: true }).first().waitFor()
    await shot('05-hunting')
    await page.click('[data-test=save-template]')
    await page.fill('[data-test=template-name]', '临时目录中的 svchost')
    await page.click('[data-test=template-tactics]')
    await page.locator('.el-select-dropdown__item', { hasText: '防御规避' }).click()
    await page.keyboard.press('Escape')
    await page.click('[data-test=template-submit]')
    await page.locator('[data-test=template-dialog]').waitFor({ state: 'hidden' })
    const templates = await admin.call('GET', '/api/v1/hunting/templates?size=500')
    const saved = templates.items.find((t) => t.name === '临时目录中的 svchost')
    if (!saved || !saved.tactics.includes('defense-evasion')) throw new Error('the template was not saved with its tactic')
    await page.click('[data-test=open-library]')
    await page.locator('[data-test=template-library]').getByText('临时目录中的 svchost').waitFor()
    await shot('06-hunting-templates')
    await page.keyboard.press('Escape')
  })

  await step('every other page opens (screenshots)', async () => {
    for (const [path, name, testId] of [
      ['/assets', '07-assets', 'assets-page'],
      ['/vulnerabilities', '08-vulnerabilities', 'vulns-page'],
      ['/rules', '09-rules', 'rules-page'],
      ['/system?tab=status', '11-system-status', 'system-status'],
      ['/system?tab=audit', '12-system-audit', 'audit-tab'],
    ]) {
      await page.goto(url(path))
      await page.locator(`[data-test=${testId}]`).waitFor()
      if (name === '12-system-audit') {
        await page.click('[data-test=audit-verify]')
        await page.locator('[data-test=audit-verification].el-alert--success').waitFor()
      }
      if (name === '09-rules') await page.locator('.el-table__row').first().waitFor()
      await shot(name)
    }
  })

  await step('the language switch changes the texts and is remembered', async () => {
    await page.goto(url('/alerts'))
    await page.click('[data-test=lang-switch] button, [data-test=lang-switch]')
    await page.click('[data-test=lang-en]')
    await page.locator('[data-test=nav-alerts]', { hasText: 'Alerts' }).waitFor()
    await page.reload()
    await page.locator('[data-test=nav-alerts]', { hasText: 'Alerts' }).waitFor()
    await page.click('[data-test=lang-switch] button, [data-test=lang-switch]')
    await page.click('[data-test=lang-zh]')
    await page.locator('[data-test=nav-alerts]', { hasText: '告警中心' }).waitFor()
  })

  await step('an expired session returns to the login and then back to the page', async () => {
    await page.goto(url('/rules'))
    await page.locator('[data-test=rules-page]').waitFor()
    await page.evaluate(() => localStorage.setItem('hsystem.session', JSON.stringify({ access_token: 'expired', refresh_token: 'expired' })))
    await page.goto(url('/rules'))
    await page.waitForURL(/\/login\?redirect=(%2F|\/)rules/)
    await page.fill('[data-test=username]', 'admin')
    await page.fill('[data-test=password]', ADMIN_PASSWORD)
    await page.click('[data-test=login-submit]')
    await page.waitForURL((u) => u.pathname === '/rules')
  })

  await step('five failed logins lock the user, and the login page says until when', async () => {
    await page.goto(url('/dashboard'))
    await page.click('[data-test=user-menu]')
    await page.click('[data-test=logout]')
    await page.waitForURL((u) => u.pathname === '/login')
    await page.fill('[data-test=username]', 'mallory')
    for (let i = 1; i <= 5; i++) {
      await page.fill('[data-test=password]', `wrong-${i}`)
      await page.click('[data-test=login-submit]')
      await page.locator('[data-test=login-error]').waitFor()
      await page.waitForTimeout(150)
    }
    await page.fill('[data-test=password]', 'wrong-6')
    await page.click('[data-test=login-submit]')
    const error = page.locator('[data-test=login-error]', { hasText: '账号已锁定' })
    await error.waitFor()
    const text = await error.innerText()
    if (!/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(text)) throw new Error(`no unlock time in: ${text}`)
    await shot('13-login-locked')
  })

  if (dialogs.length) results.push({ name: 'no JavaScript dialog fired during the run', ok: false, ms: 0 })
} catch (e) {
  console.error(`e2e: ${e?.stack ?? e}`)
  results.push({ name: 'set-up', ok: false, ms: 0 })
} finally {
  await browser?.close()
  await server?.stop()
}

const passed = results.filter((r) => r.ok).length
const failed = results.length - passed
console.log(`e2e: ${Math.round((Date.now() - started) / 1000)} s in total`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
