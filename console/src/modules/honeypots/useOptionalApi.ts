import { ref } from 'vue'
import { ApiError, http } from '@/api/http'

/**
 * Loads from an API the server may not have yet: `available` turns false on 404, so the page says
 * the feature is not available instead of showing made-up data.
 */
export function useOptionalApi<T>(path: () => string) {
  const data = ref<T | null>(null)
  const available = ref<boolean | null>(null)
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    try {
      data.value = await http.get<T>(path())
      available.value = true
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && e.detail === 'no such endpoint') available.value = false
      else if (e instanceof ApiError && e.status === 404 && !e.detail) available.value = false
      else {
        available.value = true
        error.value = e
      }
    }
  }
  return { data, available, error, load }
}
