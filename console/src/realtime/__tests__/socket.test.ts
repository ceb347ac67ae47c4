import { describe, expect, it, vi } from 'vitest'
import { RealtimeConnection } from '../socket'

describe('realtime connection', () => {
  it('delivers hunt pages to the hunt that asked and forgets it when done', () => {
    const c = new RealtimeConnection(() => 'ws://x')
    ;(c as unknown as { ready: boolean }).ready = true
    const page = vi.fn()
    const done = vi.fn()
    c.hunt({ query: 'event_type:login_attempt' }, { page, done, error: vi.fn() })
    c.dispatch({ type: 'page', id: 'h1', page: 1, total: 3, items: [{ a: 1 }] })
    c.dispatch({ type: 'done', id: 'h1', returned: 1, total: 3 })
    c.dispatch({ type: 'page', id: 'h1', page: 2, total: 3, items: [] })
    expect(page).toHaveBeenCalledTimes(1)
    expect(done).toHaveBeenCalledWith(1, 3)
  })

  it('passes alert pushes to listeners', () => {
    const c = new RealtimeConnection(() => 'ws://x')
    const seen: unknown[] = []
    c.on((m) => seen.push(m.type))
    c.dispatch({ type: 'alerts', kind: 'created', items: [{ id: 7 }] })
    expect(seen).toEqual(['alerts'])
  })

  it('reports a hunt as failed when the socket is not ready', () => {
    const c = new RealtimeConnection(() => 'ws://x')
    const error = vi.fn()
    c.hunt({ query: 'x' }, { page: vi.fn(), done: vi.fn(), error })
    expect(error).toHaveBeenCalledWith('network_error', expect.any(String))
  })
})
