import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { json, mockFetch } from '@/test-support'
import type { HuntHandlers, HuntRequest } from '@/realtime/socket'
import { STREAM_LIMIT, useHunt, type HuntSource } from '../composables/useHunt'

afterEach(() => vi.unstubAllGlobals())

/** A live connection stand-in: records hunts and lets the test push their messages. */
class FakeSocket implements HuntSource {
  ready = true
  hunts: Array<{ request: HuntRequest; handlers: HuntHandlers; cancelled: boolean }> = []
  hunt(request: HuntRequest, handlers: HuntHandlers): () => void {
    const entry = { request, handlers, cancelled: false }
    this.hunts.push(entry)
    return () => (entry.cancelled = true)
  }
  get last() {
    return this.hunts[this.hunts.length - 1]
  }
}

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ event_id: String(from + i) }))

function routes() {
  return mockFetch({
    'POST /api/v1/hunting/aggregate': () => json(200, { buckets: [{ start: '2025-01-01 00:00:00', count: 3 }] }),
    'POST /api/v1/hunting/query': (call) => {
      const body = call.body as { page: number; size: number }
      return json(200, { items: rows((body.page - 1) * body.size, 2), total: 7, page: body.page, size: body.size })
    },
  })
}

describe('useHunt', () => {
  it('streams the rows page by page over the socket, with progress, and pages them locally', async () => {
    const calls = routes()
    const socket = new FakeSocket()
    const h = useHunt(socket)
    h.query.value = 'event_type:login_attempt'
    h.size.value = 50
    await h.run()

    expect(socket.hunts).toHaveLength(1)
    expect(socket.last.request).toMatchObject({ query: 'event_type:login_attempt', limit: STREAM_LIMIT })
    expect(socket.last.request.from).toBeTruthy()
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/hunting/aggregate']) // no REST query
    expect(h.histogram.value).toHaveLength(1)
    expect(h.mode.value).toBe('stream')
    expect(h.streaming.value).toBe(true)
    expect(h.loading.value).toBe(true)

    socket.last.handlers.page(rows(0, 40), 120)
    expect(h.loading.value).toBe(false)
    expect(h.received.value).toBe(40)
    expect(h.total.value).toBe(120)
    expect(h.progress.value).toBe(33)
    socket.last.handlers.page(rows(40, 40), 120)
    expect(h.rows.value).toHaveLength(50)
    expect(h.pagerTotal.value).toBe(80)

    h.page.value = 2
    await h.run(false) // a page change: no request, the received rows are paged here
    expect(socket.hunts).toHaveLength(1)
    expect(h.rows.value.map((r) => r.event_id)).toEqual(rows(50, 30).map((r) => r.event_id))

    socket.last.handlers.page(rows(80, 40), 120)
    socket.last.handlers.done(120, 120)
    expect(h.streaming.value).toBe(false)
    expect(h.progress.value).toBe(100)
    expect(h.received.value).toBe(120)
  })

  it('stops: sends cancel, keeps the rows received and ignores late pages', async () => {
    routes()
    const socket = new FakeSocket()
    const h = useHunt(socket)
    await h.run()
    socket.last.handlers.page(rows(0, 10), 1000)
    h.stop()
    expect(socket.last.cancelled).toBe(true)
    expect(h.streaming.value).toBe(false)
    expect(h.stopped.value).toBe(true)
    expect(h.received.value).toBe(10)
  })

  it('a new run cancels the previous stream and drops its late pages', async () => {
    routes()
    const socket = new FakeSocket()
    const h = useHunt(socket)
    await h.run()
    const first = socket.last
    h.query.value = 'user:root'
    await h.run()
    expect(first.cancelled).toBe(true)
    first.handlers.page(rows(0, 5), 5)
    expect(h.received.value).toBe(0)
    socket.last.handlers.page(rows(0, 2), 2)
    expect(h.received.value).toBe(2)
    expect(socket.last.request.query).toBe('user:root')
  })

  it('reports a stream error with its code', async () => {
    routes()
    const socket = new FakeSocket()
    const h = useHunt(socket)
    await h.run()
    socket.last.handlers.error('hunting.query_invalid', 'unexpected token')
    expect(h.streaming.value).toBe(false)
    expect(h.loading.value).toBe(false)
    expect(h.streamError.value?.code).toBe('hunting.query_invalid')
  })

  it('falls back to the REST query when the socket is not connected, paged by the server', async () => {
    const calls = routes()
    const socket = new FakeSocket()
    socket.ready = false
    const h = useHunt(socket)
    h.query.value = 'x'
    await h.run()
    expect(socket.hunts).toHaveLength(0)
    expect(h.mode.value).toBe('rest')
    expect(h.total.value).toBe(7)
    expect(h.pagerTotal.value).toBe(7)
    expect(h.loading.value).toBe(false)
    h.page.value = 2
    await h.run(false)
    const queries = calls.filter((c) => c.url === '/api/v1/hunting/query')
    expect(queries.map((c) => (c.body as { page: number }).page)).toEqual([1, 2])
    expect(h.rows.value[0].event_id).toBe('50')
  })

  it('asks over REST when the connection closes before the first page', async () => {
    const calls = routes()
    const socket = new FakeSocket()
    const h = useHunt(socket)
    await h.run()
    socket.last.handlers.error('network_error', 'the live connection closed')
    await vi.waitFor(() => expect(h.mode.value).toBe('rest'))
    expect(calls.some((c) => c.url === '/api/v1/hunting/query')).toBe(true)
    expect(h.total.value).toBe(7)
    expect(h.streamError.value).toBeNull()
  })

  it('cancels its stream when its scope ends', async () => {
    routes()
    const socket = new FakeSocket()
    const scope = effectScope()
    const h = scope.run(() => useHunt(socket))!
    await h.run()
    scope.stop()
    expect(socket.last.cancelled).toBe(true)
  })
})
