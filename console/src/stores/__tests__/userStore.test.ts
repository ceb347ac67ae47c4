import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestingPinia } from '@pinia/testing'
import { setActivePinia } from 'pinia'
import { useUserStore } from '../userStore'
import { bindSession } from '@/api/http'
import { json, mockFetch } from '@/test-support'

const ME = { id: 1, username: 'alice', role: 'analyst', effective_permissions: ['alerts:read', 'alerts:write'], must_change_password: false }

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createTestingPinia({ stubActions: false, createSpy: vi.fn }))
})
afterEach(() => {
  vi.unstubAllGlobals()
  bindSession(null)
})

describe('userStore', () => {
  it('logs in, keeps the tokens and learns the permissions', async () => {
    const calls = mockFetch({
      'POST /api/v1/auth/login': () => json(200, { access_token: 'a1', refresh_token: 'r1', expires_in: 7200 }),
      'GET /api/v1/auth/me': () => json(200, ME),
    })
    const user = useUserStore()
    bindSession({ accessToken: () => user.accessToken, refresh: user.refresh, expired: user.clear })
    await user.login('alice', 'secret')
    expect(calls[0].body).toEqual({ username: 'alice', password: 'secret' })
    expect(calls[1].headers.Authorization).toBe('Bearer a1')
    expect(user.isAuthenticated).toBe(true)
    expect(user.can('alerts:write')).toBe(true)
    expect(user.can('system:admin')).toBe(false)
    expect(user.can(undefined)).toBe(true)
    expect(JSON.parse(localStorage.getItem('hsystem.session')!)).toEqual({ access_token: 'a1', refresh_token: 'r1' })
  })

  it('a failed login keeps the user signed out and reports the problem code', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        json(423, { code: 'auth.account_locked', locked_until: '2026-12-03 18:00:00' }, 'application/problem+json'),
    })
    const user = useUserStore()
    await expect(user.login('alice', 'x')).rejects.toMatchObject({ code: 'auth.account_locked', properties: { locked_until: '2026-12-03 18:00:00' } })
    expect(user.isAuthenticated).toBe(false)
  })

  it('refreshes with the refresh token, and clears the session when that fails', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () => json(200, { access_token: 'a1', refresh_token: 'r1' }),
      'GET /api/v1/auth/me': () => json(200, ME),
      'POST /api/v1/auth/refresh': (call) =>
        (call.body as { refresh_token: string }).refresh_token === 'r1'
          ? json(200, { access_token: 'a2', refresh_token: 'r2' })
          : json(401, { code: 'auth.invalid_refresh_token' }, 'application/problem+json'),
    })
    const user = useUserStore()
    await user.login('alice', 'secret')
    expect(await user.refresh()).toBe(true)
    expect(user.accessToken).toBe('a2')
    expect(await user.refresh()).toBe(false)
    expect(user.isAuthenticated).toBe(false)
    expect(localStorage.getItem('hsystem.session')).toBeNull()
  })

  it('logout tells the server and forgets everything', async () => {
    const calls = mockFetch({
      'POST /api/v1/auth/login': () => json(200, { access_token: 'a1', refresh_token: 'r1' }),
      'GET /api/v1/auth/me': () => json(200, ME),
      'POST /api/v1/auth/logout': () => json(200, { success: true }),
    })
    const user = useUserStore()
    bindSession({ accessToken: () => user.accessToken, refresh: user.refresh, expired: user.clear })
    await user.login('alice', 'secret')
    await user.logout()
    expect(calls.map((c) => c.url)).toContain('/api/v1/auth/logout')
    expect(user.me).toBeNull()
    expect(user.isAuthenticated).toBe(false)
  })
})
