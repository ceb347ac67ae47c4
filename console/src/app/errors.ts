import { ApiError } from '@/api/http'
import { i18n } from './i18n'

/**
 * A message for a failed request in the current language: the translation of the problem's
 * `code` when there is one, else the server's detail.
 */
export function errorMessage(error: unknown): string {
  const t = i18n.global.t
  const te = i18n.global.te
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`
    if (te(key)) {
      const base = t(key, { ...error.properties } as Record<string, unknown>)
      return error.detail && error.code === 'validation_failed' ? `${base}: ${error.detail}` : base
    }
    return error.detail || error.title || t('errors.unknown')
  }
  return error instanceof Error ? error.message : t('errors.unknown')
}
