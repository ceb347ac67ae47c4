import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '@/test-support'
import { ApiError } from '@/api/http'
import { attackersApi, configBody, duplicatePorts, editableServices, SERVICE_NAMES, type Sensor } from '../api'

afterEach(() => vi.unstubAllGlobals())

const base: Pick<Sensor, 'config' | 'services'> = { config: { config_version: 0, services: [] }, services: [] }

describe('editableServices', () => {
  it('lists every known service once, disabled on its default port when nothing says otherwise', () => {
    const rows = editableServices(base)
    expect(rows.map((r) => r.name)).toEqual([...SERVICE_NAMES])
    expect(rows.every((r) => !r.enabled)).toBe(true)
    expect(rows.find((r) => r.name === 'ssh')?.port).toBe(2222)
    expect(rows.find((r) => r.name === 'redis')?.port).toBe(6380)
  })

  it("prefers the server's configuration, then what the sensor reports", () => {
    const rows = editableServices({
      config: { config_version: 3, services: [{ name: 'ssh', enabled: true, port: 22, banner: 'SSH-2.0-OpenSSH_9.6', options: { a: 1 } }] },
      services: [
        { name: 'ssh', enabled: true, port: 2222, listening: true },
        { name: 'http', enabled: true, port: 8081, listening: false },
        { name: 'custom', enabled: false, port: 9999 },
      ],
    })
    expect(rows.find((r) => r.name === 'ssh')).toEqual({ name: 'ssh', enabled: true, port: 22, banner: 'SSH-2.0-OpenSSH_9.6', options: { a: 1 } })
    expect(rows.find((r) => r.name === 'http')).toMatchObject({ enabled: true, port: 8081, banner: '' })
    expect(rows.find((r) => r.name === 'ftp')).toMatchObject({ enabled: false, port: 2121 })
    // a service the console does not know is kept, not dropped
    expect(rows.at(-1)).toMatchObject({ name: 'custom', enabled: false, port: 9999 })
  })
})

describe('configBody / duplicatePorts', () => {
  it('sends blank banners and empty options as null, ports as numbers', () => {
    expect(
      configBody([
        { name: 'ssh', enabled: true, port: '2222' as unknown as number, banner: '  ', options: {} },
        { name: 'ftp', enabled: false, port: 2121, banner: '220 hi', options: { x: true } },
      ]),
    ).toEqual([
      { name: 'ssh', enabled: true, port: 2222, banner: null, options: null },
      { name: 'ftp', enabled: false, port: 2121, banner: '220 hi', options: { x: true } },
    ])
  })

  it('finds ports given twice, enabled or not', () => {
    expect(
      duplicatePorts([
        { name: 'ssh', enabled: true, port: 2222 },
        { name: 'telnet', enabled: false, port: 2222 },
        { name: 'ftp', enabled: true, port: 2121 },
      ]),
    ).toEqual([2222])
    expect(duplicatePorts(editableServices(base))).toEqual([])
  })
})

describe('attackersApi', () => {
  it('asks for the profile with the address encoded, and surfaces the stable error code', async () => {
    const calls = mockFetch({
      'GET /api/v1/attackers/45.141.84.12': () =>
        json(200, { ip: '45.141.84.12', events: 3, services: [{ service: 'ssh', count: 3 }], credentials: [], commands: [], sensors: [], event_types: [], recent_events: [] }),
      'GET /api/v1/attackers/2001%3Adb8%3A%3A1': () => json(200, { ip: '2001:db8::1', events: 0 }),
      'GET /api/v1/attackers/nope': () => json(400, { code: 'hunting.attacker_ip_invalid', errors: [{ field: 'ip', message: 'x' }] }, 'application/problem+json'),
    })
    expect((await attackersApi.profile('45.141.84.12')).services[0]).toEqual({ service: 'ssh', count: 3 })
    expect((await attackersApi.profile('2001:db8::1')).events).toBe(0)
    const error = await attackersApi.profile('nope').catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('hunting.attacker_ip_invalid')
    expect(calls.map((c) => c.url)).toContain('/api/v1/attackers/2001%3Adb8%3A%3A1')
  })
})
