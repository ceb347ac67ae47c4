import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestingPinia } from '@pinia/testing'
import { setActivePinia } from 'pinia'
import { useSensorStore } from '../sensorStore'
import { json, mockFetch } from '@/test-support'

beforeEach(() => setActivePinia(createTestingPinia({ stubActions: false, createSpy: vi.fn })))
afterEach(() => vi.unstubAllGlobals())

const sensor = (id: string, status = 'online', version = 1) => ({
  id,
  name: id === 'a' ? 'local' : 'hp-' + id,
  status,
  events_today: 5,
  events_total: 9,
  last_seq: 9,
  config: { config_version: version, services: [] },
  reported_config_version: version,
})

describe('sensorStore', () => {
  it('lists sensors and tokens, and keeps the created token only until forgotten', async () => {
    let tokens: unknown[] = []
    const calls = mockFetch({
      'GET /api/v1/sensors': () => json(200, { total: 2, items: [sensor('a'), sensor('b', 'offline')] }),
      'GET /api/v1/sensors/enrollment-tokens': () => json(200, { total: tokens.length, items: tokens }),
      'POST /api/v1/sensors/enrollment-tokens': () => {
        tokens = [{ id: 7, name: 'dc-a', prefix: 'hset_abc', state: 'active' }]
        return json(201, { id: 7, name: 'dc-a', token: 'hset_abcdef', command: 'java -jar hsystem-sensor.jar --token hset_abcdef', expires_at: '2025-08-27 07:00:00', info: tokens[0] })
      },
    })
    const store = useSensorStore()
    await Promise.all([store.fetch(), store.fetchTokens()])
    expect(store.sensors.map((s) => s.status)).toEqual(['online', 'offline'])
    expect(store.tokens).toEqual([])

    const created = await store.createToken('  dc-a ', 60)
    expect(created.command).toContain('hset_abcdef')
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'dc-a', expires_in_minutes: 60 })
    expect(store.created?.token).toBe('hset_abcdef')
    expect(store.tokens).toHaveLength(1)
    store.forgetCreated()
    expect(store.created).toBeNull()
  })

  it('sends a blank token name as absent', async () => {
    const calls = mockFetch({
      'POST /api/v1/sensors/enrollment-tokens': () => json(201, { id: 1, token: 't', command: 'c', expires_at: '', info: {} }),
      'GET /api/v1/sensors/enrollment-tokens': () => json(200, { total: 0, items: [] }),
    })
    await useSensorStore().createToken('   ', 30)
    expect(calls[0].body).toEqual({ expires_in_minutes: 30 })
  })

  it('replaces a reconfigured sensor in place and reloads after revoke and decommission', async () => {
    let listed = [sensor('a'), sensor('b')]
    const calls = mockFetch({
      'GET /api/v1/sensors': () => json(200, { total: listed.length, items: listed }),
      'PUT /api/v1/sensors/b/config': () => json(200, sensor('b', 'online', 2)),
      'POST /api/v1/sensors/b/revoke': () => {
        listed = [sensor('a'), sensor('b', 'revoked', 2)]
        return new Response(null, { status: 204 })
      },
      'DELETE /api/v1/sensors/b': () => {
        listed = [sensor('a'), sensor('b', 'decommissioned', 2)]
        return new Response(null, { status: 204 })
      },
    })
    const store = useSensorStore()
    await store.fetch()
    await store.saveConfig('b', [{ name: 'ssh', enabled: true, port: 22 }])
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ services: [{ name: 'ssh', enabled: true, port: 22 }] })
    expect(store.sensors[1].config.config_version).toBe(2)
    await store.revoke('b')
    expect(store.sensors[1].status).toBe('revoked')
    await store.decommission('b')
    expect(store.sensors[1].status).toBe('decommissioned')
    expect(calls.filter((c) => c.url === '/api/v1/sensors')).toHaveLength(3)
  })
})
