import { createI18n } from 'vue-i18n'

/** zh-CN is the source locale; en-US has exactly the same keys (checked by a unit test). */
export const LOCALES = ['zh-CN', 'en-US'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
const STORAGE_KEY = 'hsystem.locale'

type Messages = Record<string, unknown>

function merge(target: Messages, source: Messages): Messages {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      target[k] = merge((target[k] as Messages) ?? {}, v as Messages)
    } else {
      target[k] = v
    }
  }
  return target
}

/** Every `locales/<locale>.json` of the app and of each feature module, merged per locale. */
const files = import.meta.glob<{ default: Messages }>(['./locales/*.json', '../modules/*/locales/*.json'], {
  eager: true,
})

export function collectMessages(): Record<Locale, Messages> {
  const messages = { 'zh-CN': {}, 'en-US': {} } as Record<Locale, Messages>
  for (const [path, mod] of Object.entries(files)) {
    const locale = path.replace(/^.*\/([^/]+)\.json$/, '$1') as Locale
    if (messages[locale]) merge(messages[locale], mod.default)
  }
  return messages
}

export function storedLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : DEFAULT_LOCALE
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: collectMessages() as never,
  missingWarn: false,
  fallbackWarn: false,
})

/** Switches the language and remembers it for the next visit. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
