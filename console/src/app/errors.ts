import { ApiError } from '@/api/http'
import { i18n } from './i18n'

/**
 * A message for a failed request in the current language: the translation of the problem's
 * `code` when there is one, else the server's detail.
 */
export function errorMessage(error: unknown): string {
  // the global composer, untyped: its message schema types are too deep for this generic use
  const g = i18n.global as unknown as { t: (key: string, values?: Record<string, unknown>) => string; te: (key: string) => boolean }
  const t = g.t
  const te = g.te
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`
    if (te(key)) {
      const base = t(key, { ...error.properties })
      return error.detail && error.code === 'validation_failed' ? `${base}: ${error.detail}` : base
    }
    return error.detail || error.title || t('errors.unknown')
  }
  return error instanceof Error ? error.message : t('errors.unknown')
}
