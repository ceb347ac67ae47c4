import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestingPinia } from '@pinia/testing'
import { setActivePinia } from 'pinia'
import { useAlertStore } from '../alertStore'
import type { Alert } from '@/api/types'
import { json, mockFetch } from '@/test-support'

const alert = (id: number, extra: Partial<Alert> = {}): Alert => ({ id, severity: 'high', status: 'unhandled', title: 'a' + id, ...extra })

beforeEach(() => setActivePinia(createTestingPinia({ stubActions: false, createSpy: vi.fn })))
afterEach(() => vi.unstubAllGlobals())

describe('alertStore', () => {
  it('fetches a server page with the filter', async () => {
    const calls = mockFetch({ 'GET /api/v1/alerts': () => json(200, { total: 42, items: [alert(2), alert(1)] }) })
    const store = useAlertStore()
    store.setFilter({ severity: ['high', 'critical'], status: ['unhandled'] })
    store.size = 20
    await store.fetch()
    expect(store.total).toBe(42)
    expect(store.items.map((a) => a.id)).toEqual([2, 1])
    const url = new URL(calls[0].url, 'http://x')
    expect(url.searchParams.getAll('severity')).toEqual(['high', 'critical'])
    expect(url.searchParams.get('page')).toBe('1')
    expect(url.searchParams.get('size')).toBe('20')
  })

  it('puts live alerts on top of page 1 when they match, and counts them for the badge', async () => {
    mockFetch({ 'GET /api/v1/alerts': () => json(200, { total: 1, items: [alert(1)] }) })
    const store = useAlertStore()
    store.setFilter({ severity: ['high'] })
    await store.fetch()
    store.receive('created', [alert(2), alert(3, { severity: 'low' })])
    expect(store.items.map((a) => a.id)).toEqual([2, 1])
    expect(store.total).toBe(2)
    expect(store.unseen).toBe(2)
    expect(store.hidden).toBe(1) // the low one does not match the filter
    expect(store.live.map((a) => a.id)).toEqual([3, 2])
    store.markSeen()
    expect(store.unseen).toBe(0)
  })

  it('updates an alert already shown instead of adding it again', () => {
    const store = useAlertStore()
    store.items = [alert(1)]
    store.receive('updated', [alert(1, { count: 5 })])
    store.receive('updated', [alert(9)])
    expect(store.items).toHaveLength(1)
    expect(store.items[0].count).toBe(5)
    expect(store.unseen).toBe(0)
  })

  it('handles one alert and several, keeping the skipped ones', async () => {
    const calls = mockFetch({
      'PUT /api/v1/alerts/1/handle': () => json(200, { success: true }),
      'POST /api/v1/alerts/handle': () => json(200, { success: true, updated: [2], skipped: [{ id: 3, reason: 'handled' }] }),
    })
    const store = useAlertStore()
    store.items = [alert(1), alert(2), alert(3, { status: 'handled' })]
    await store.handle(1, 'handled', '已隔离主机')
    expect(calls[0].body).toEqual({ status: 'handled', remark: '已隔离主机' })
    expect(store.items[0]).toMatchObject({ status: 'handled', remark: '已隔离主机' })
    const skipped = await store.handleAll([2, 3], 'ignored')
    expect(skipped).toEqual([{ id: 3, reason: 'handled' }])
    expect(store.items[1].status).toBe('ignored')
  })
})
