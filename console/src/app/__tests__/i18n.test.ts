import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { collectMessages, LOCALES } from '../i18n'

const SRC = resolve(__dirname, '../..')

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
  }
  return [prefix]
}

function localeDirs(): string[] {
  const modules = join(SRC, 'modules')
  return [join(SRC, 'app', 'locales'), ...readdirSync(modules).map((m) => join(modules, m, 'locales')).filter(existsSync)]
}

describe('i18n', () => {
  it.each(localeDirs())('en-US has exactly the keys of zh-CN in %s', (dir) => {
    const zh = JSON.parse(readFileSync(join(dir, 'zh-CN.json'), 'utf8'))
    const en = JSON.parse(readFileSync(join(dir, 'en-US.json'), 'utf8'))
    expect(keys(en).sort()).toEqual(keys(zh).sort())
    for (const key of keys(zh)) expect(key).not.toBe('')
  })

  it('merges every module into each locale, with zh-CN first', () => {
    const messages = collectMessages()
    expect(LOCALES[0]).toBe('zh-CN')
    expect(keys(messages['en-US']).sort()).toEqual(keys(messages['zh-CN']).sort())
    expect((messages['zh-CN'].nav as Record<string, string>).alerts).toBe('告警中心')
    expect((messages['zh-CN'].alerts as Record<string, string>).handle).toBeTruthy()
  })

  it('has no empty translations', () => {
    const messages = collectMessages()
    for (const locale of LOCALES) {
      const flat = keys(messages[locale])
      expect(flat.length).toBeGreaterThan(100)
    }
  })
})
