import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { http } from '@/api/http'
import type { TokenResponse, User } from '@/api/types'

const STORAGE_KEY = 'hsystem.session'

interface StoredSession {
  access_token: string
  refresh_token: string
}

function load(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    return raw ? (JSON.parse(raw) as StoredSession) : null
  } catch {
    return null
  }
}

/** The signed-in user: tokens, the `/auth/me` answer and the permissions it grants. */
export const useUserStore = defineStore('user', () => {
  const stored = load()
  const accessToken = ref<string | null>(stored?.access_token ?? null)
  const refreshToken = ref<string | null>(stored?.refresh_token ?? null)
  const me = ref<User | null>(null)

  const isAuthenticated = computed(() => accessToken.value !== null)
  const permissions = computed(() => new Set(me.value?.effective_permissions ?? []))
  const mustChangePassword = computed(() => me.value?.must_change_password === true)

  function keep(tokens: TokenResponse): void {
    accessToken.value = tokens.access_token ?? null
    refreshToken.value = tokens.refresh_token ?? null
    if (accessToken.value && refreshToken.value) {
      localStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ access_token: accessToken.value, refresh_token: refreshToken.value }),
      )
    }
  }

  function clear(): void {
    accessToken.value = null
    refreshToken.value = null
    me.value = null
    localStorage.removeItem(STORAGE_KEY)
  }

  async function login(username: string, password: string): Promise<void> {
    const tokens = await http.post<TokenResponse>('/api/v1/auth/login', { username, password }, { anonymous: true })
    keep(tokens)
    await fetchMe()
  }

  async function fetchMe(): Promise<User> {
    me.value = await http.get<User>('/api/v1/auth/me')
    return me.value
  }

  /** Renews the tokens with the refresh token; false when the session is over. */
  async function refresh(): Promise<boolean> {
    if (!refreshToken.value) return false
    try {
      const tokens = await http.post<TokenResponse>(
        '/api/v1/auth/refresh',
        { refresh_token: refreshToken.value },
        { anonymous: true },
      )
      keep(tokens)
      return true
    } catch {
      clear()
      return false
    }
  }

  async function logout(): Promise<void> {
    try {
      if (accessToken.value) await http.post('/api/v1/auth/logout')
    } finally {
      clear()
    }
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await http.put('/api/v1/auth/password', { current_password: currentPassword, new_password: newPassword })
    await fetchMe()
  }

  /** Whether the user holds the permission (e.g. `alerts:write`). */
  function can(permission: string | undefined): boolean {
    return !permission || permissions.value.has(permission)
  }

  return {
    accessToken,
    refreshToken,
    me,
    isAuthenticated,
    permissions,
    mustChangePassword,
    login,
    fetchMe,
    refresh,
    logout,
    clear,
    changePassword,
    can,
  }
})
