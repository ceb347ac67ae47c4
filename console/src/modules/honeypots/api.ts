import { http } from '@/api/http'
import type { EventRecord, Page } from '@/api/types'

/** The honeypot services a sensor can run (server: `hsystem.sensors.service-names`). */
export const SERVICE_NAMES = ['ssh', 'telnet', 'http', 'ftp', 'mysql', 'redis', 'generic'] as const
export type ServiceName = (typeof SERVICE_NAMES)[number]

/** The sensor's single-server defaults (`io.hsystem.sensor.config.ServiceConfig.defaults`). */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  ssh: 2222,
  telnet: 2323,
  http: 8080,
  ftp: 2121,
  mysql: 3307,
  redis: 6380,
  generic: 5901,
}

export const SENSOR_STATUSES = ['online', 'offline', 'revoked', 'decommissioned'] as const
export type SensorStatus = (typeof SENSOR_STATUSES)[number]

/** The name of the server's own in-process decoys. */
export const LOCAL_SENSOR = 'local'

/** One service as the server wants a sensor to run it (`PUT /sensors/{id}/config`). */
export interface ServiceConfig {
  name: string
  enabled: boolean
  port: number
  banner?: string | null
  options?: Record<string, unknown> | null
}

/** One service as the sensor last reported it, verbatim. */
export interface ReportedService {
  name?: string
  enabled?: boolean
  port?: number
  listening?: boolean
  [key: string]: unknown
}

export interface Sensor {
  id: string
  name: string
  hostname?: string | null
  asset_id?: number | null
  status: SensorStatus
  version?: string | null
  source_ip?: string | null
  services?: ReportedService[] | null
  events_today: number
  events_total: number
  last_seq: number
  last_seen?: string | null
  enrolled_at?: string | null
  /** The shipper's last figures (`spooled`, `evicted`, `sent`, `queued`, …), verbatim. */
  spool?: Record<string, unknown> | null
  config: { config_version: number; services: ServiceConfig[] }
  reported_config_version: number
  certificate_expires_at?: string | null
  revoked_at?: string | null
  decommissioned_at?: string | null
}

export interface EnrollmentToken {
  id: number
  name?: string | null
  prefix: string
  state: 'active' | 'used' | 'expired' | 'revoked'
  created_by?: number | null
  created_at?: string | null
  expires_at?: string | null
  used_at?: string | null
  used_by?: string | null
  revoked_at?: string | null
}

/** `POST /sensors/enrollment-tokens`: the only answer that carries the token. */
export interface CreatedToken {
  id: number
  name?: string | null
  token: string
  command: string
  expires_at: string
  info: EnrollmentToken
}

export interface Counted {
  count: number
}

export interface IocHit {
  id: number
  type: string
  value: string
  source: string
  confidence: number
  severity: string
  tags?: string[] | null
  description?: string | null
}

/** `GET /api/v1/attackers/{ip}`. */
export interface AttackerProfile {
  ip: string
  first_seen?: string | null
  last_seen?: string | null
  events: number
  services: Array<Counted & { service: string }>
  credentials: Array<Counted & { username?: string | null; password?: string | null }>
  credentials_sampled: boolean
  commands: Array<Counted & { command_line: string }>
  sensors: Array<Counted & { sensor_id: string }>
  event_types: Array<Counted & { event_type: string }>
  ioc?: { type: string; value: string; hits: IocHit[] } | null
  recent_events: EventRecord[]
}

export const sensorsApi = {
  list: () => http.get<Page<Sensor>>('/api/v1/sensors'),
  get: (id: string) => http.get<Sensor>(`/api/v1/sensors/${encodeURIComponent(id)}`),
  updateConfig: (id: string, services: ServiceConfig[]) =>
    http.put<Sensor>(`/api/v1/sensors/${encodeURIComponent(id)}/config`, { services }),
  revoke: (id: string) => http.post<void>(`/api/v1/sensors/${encodeURIComponent(id)}/revoke`),
  decommission: (id: string) => http.del<void>(`/api/v1/sensors/${encodeURIComponent(id)}`),
  tokens: () => http.get<Page<EnrollmentToken>>('/api/v1/sensors/enrollment-tokens'),
  createToken: (body: { name?: string; expires_in_minutes?: number }) =>
    http.post<CreatedToken>('/api/v1/sensors/enrollment-tokens', body),
  revokeToken: (id: number) => http.del<void>(`/api/v1/sensors/enrollment-tokens/${id}`),
}

export const attackersApi = {
  profile: (ip: string) => http.get<AttackerProfile>(`/api/v1/attackers/${encodeURIComponent(ip)}`),
}

/**
 * The rows of the service configuration dialog: every known service once, from the server's
 * configuration, else from what the sensor reports, else disabled on its default port.
 */
export function editableServices(sensor: Pick<Sensor, 'config' | 'services'>): ServiceConfig[] {
  const configured = new Map((sensor.config?.services ?? []).map((s) => [s.name, s]))
  const reported = new Map((sensor.services ?? []).filter((s) => s.name).map((s) => [String(s.name), s]))
  const names: string[] = [...SERVICE_NAMES]
  for (const name of [...configured.keys(), ...reported.keys()]) if (!names.includes(name)) names.push(name)
  return names.map((name) => {
    const c = configured.get(name)
    if (c) return { name, enabled: c.enabled, port: c.port, banner: c.banner ?? '', options: c.options ?? {} }
    const r = reported.get(name)
    const port = typeof r?.port === 'number' ? r.port : (DEFAULT_PORTS[name as ServiceName] ?? 0)
    return { name, enabled: r ? r.enabled !== false : false, port, banner: '', options: {} }
  })
}

/** The body of `PUT /config`: blank banners as null (the service's default). */
export function configBody(rows: ServiceConfig[]): ServiceConfig[] {
  return rows.map((r) => ({
    name: r.name,
    enabled: r.enabled,
    port: Number(r.port),
    banner: r.banner && r.banner.trim() !== '' ? r.banner : null,
    options: r.options && Object.keys(r.options).length ? r.options : null,
  }))
}

/** Ports given to more than one service, enabled or not (the server refuses them). */
export function duplicatePorts(rows: ServiceConfig[]): number[] {
  const seen = new Map<number, number>()
  for (const r of rows) seen.set(Number(r.port), (seen.get(Number(r.port)) ?? 0) + 1)
  return [...seen.entries()].filter(([, n]) => n > 1).map(([p]) => p)
}
