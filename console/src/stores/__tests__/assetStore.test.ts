import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestingPinia } from '@pinia/testing'
import { setActivePinia } from 'pinia'
import { useAssetStore } from '../assetStore'
import { json, mockFetch } from '@/test-support'

beforeEach(() => setActivePinia(createTestingPinia({ stubActions: false, createSpy: vi.fn })))
afterEach(() => vi.unstubAllGlobals())

describe('assetStore', () => {
  it('caches assets seen in the list and fetches others once', async () => {
    const calls = mockFetch({
      'GET /api/v1/assets': () => json(200, { total: 1, items: [{ id: 1, name: 'WIN-SERVER-01' }] }),
      'GET /api/v1/assets/2': () => json(200, { id: 2, name: 'web-02' }),
    })
    const store = useAssetStore()
    await store.fetch()
    expect(store.nameOf(1)).toBe('WIN-SERVER-01')
    expect((await store.get(1)).name).toBe('WIN-SERVER-01')
    expect((await store.get(2)).name).toBe('web-02')
    await store.get(2)
    expect(calls.filter((c) => c.url === '/api/v1/assets/2')).toHaveLength(1)
    await store.get(2, true)
    expect(calls.filter((c) => c.url === '/api/v1/assets/2')).toHaveLength(2)
  })
})
