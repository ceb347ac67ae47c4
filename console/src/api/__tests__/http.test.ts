import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, bindSession, http, toApiError, withQuery } from '../http'
import { json, mockFetch } from '@/test-support'

afterEach(() => {
  vi.unstubAllGlobals()
  bindSession(null)
})

describe('error mapping', () => {
  it('maps a problem body to an ApiError with its code, detail, field errors and extra members', async () => {
    const error = await toApiError(
      json(
        423,
        {
          type: 'urn:hsystem:problem:auth.account_locked',
          title: 'Too many failed logins',
          status: 423,
          detail: 'locked until 2026-12-03 18:00:00 UTC',
          code: 'auth.account_locked',
          request_id: 'r-1',
          errors: [{ field: 'username', message: 'is locked' }],
          locked_until: '2026-12-03 18:00:00',
        },
        'application/problem+json',
      ),
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(423)
    expect(error.code).toBe('auth.account_locked')
    expect(error.detail).toBe('locked until 2026-12-03 18:00:00 UTC')
    expect(error.requestId).toBe('r-1')
    expect(error.fieldErrors).toEqual([{ field: 'username', message: 'is locked' }])
    expect(error.properties).toEqual({ locked_until: '2026-12-03 18:00:00' })
  })

  it('derives a code from the status when the body is no problem', async () => {
    const error = await toApiError(new Response('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }))
    expect(error.code).toBe('internal_error')
    expect((await toApiError(new Response('', { status: 403 }))).code).toBe('forbidden')
  })

  it('turns a network failure into network_error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(http.get('/api/v1/alerts')).rejects.toMatchObject({ code: 'network_error', status: 0 })
  })
})

describe('requests', () => {
  it('sends the bearer token and JSON, and leaves empty query values out', async () => {
    const calls = mockFetch({ 'POST /api/v1/x': () => json(200, { ok: true }) })
    bindSession({ accessToken: () => 'tok', refresh: async () => false, expired: () => {} })
    await http.post('/api/v1/x?', { a: 1 })
    expect(calls[0].headers.Authorization).toBe('Bearer tok')
    expect(calls[0].body).toEqual({ a: 1 })
    expect(withQuery('/p', { a: '', b: undefined, c: 0, s: ['x', 'y'] })).toBe('/p?c=0&s=x&s=y')
  })

  it('renews the token once on 401 and repeats the request', async () => {
    let token = 'old'
    mockFetch({
      'GET /api/v1/me': (call) =>
        call.headers.Authorization === 'Bearer new' ? json(200, { id: 1 }) : json(401, { code: 'unauthenticated' }, 'application/problem+json'),
    })
    const refresh = vi.fn(async () => {
      token = 'new'
      return true
    })
    const expired = vi.fn()
    bindSession({ accessToken: () => token, refresh, expired })
    await expect(http.get('/api/v1/me')).resolves.toEqual({ id: 1 })
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(expired).not.toHaveBeenCalled()
  })

  it('ends the session when the renewal fails', async () => {
    mockFetch({ 'GET /api/v1/me': () => json(401, { code: 'unauthenticated' }, 'application/problem+json') })
    const expired = vi.fn()
    bindSession({ accessToken: () => 'old', refresh: async () => false, expired })
    await expect(http.get('/api/v1/me')).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(expired).toHaveBeenCalledTimes(1)
  })

  it('does not renew for anonymous requests such as the login', async () => {
    mockFetch({ 'POST /api/v1/auth/login': () => json(401, { code: 'auth.invalid_credentials' }, 'application/problem+json') })
    const refresh = vi.fn(async () => true)
    bindSession({ accessToken: () => null, refresh, expired: () => {} })
    await expect(http.post('/api/v1/auth/login', {}, { anonymous: true })).rejects.toMatchObject({ code: 'auth.invalid_credentials' })
    expect(refresh).not.toHaveBeenCalled()
  })
})
