import { vi } from 'vitest'

export interface Call {
  method: string
  url: string
  body?: unknown
  headers: Record<string, string>
}

/** A fetch stand-in answering from a route table; records every call. */
export function mockFetch(routes: Record<string, (call: Call) => Response | Promise<Response>>) {
  const calls: Call[] = []
  const fn = vi.fn(async (url: string, init: RequestInit = {}) => {
    const call: Call = {
      method: init.method ?? 'GET',
      url,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      headers: (init.headers as Record<string, string>) ?? {},
    }
    calls.push(call)
    const key = `${call.method} ${url.split('?')[0]}`
    const handler = routes[key]
    if (!handler) return json(404, { code: 'not_found', detail: 'no such endpoint' }, 'application/problem+json')
    return handler(call)
  })
  vi.stubGlobal('fetch', fn)
  return calls
}

export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}
