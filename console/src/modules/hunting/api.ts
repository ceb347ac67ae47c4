import { http } from '@/api/http'
import type { EventRecord, Page, Template } from '@/api/types'

export interface HuntQuery {
  query: string
  from?: string
  to?: string
  page?: number
  size?: number
  sort?: 'asc' | 'desc'
}

export interface TopValue {
  value: string
  count: number
}

export interface HistogramBucket {
  start: string
  count: number
}

export const huntingApi = {
  query: (q: HuntQuery) => http.post<Page<EventRecord>>('/api/v1/hunting/query', q),
  topValues: (query: string, field: string, from?: string, to?: string, limit = 10) =>
    http
      .post<{ buckets: TopValue[] }>('/api/v1/hunting/aggregate', { query, from, to, type: 'top_values', field, limit })
      .then((r) => r.buckets),
  histogram: (query: string, interval: string, from?: string, to?: string) =>
    http
      .post<{ buckets: HistogramBucket[] }>('/api/v1/hunting/aggregate', { query, from, to, type: 'histogram', interval })
      .then((r) => r.buckets),
  templates: () => http.get<Page<Template>>('/api/v1/hunting/templates'),
  saveTemplate: (body: { name: string; description?: string; query: string; tactics: string[] }) =>
    http.post<{ id: number; success: boolean }>('/api/v1/hunting/templates', body),
  deleteTemplate: (id: number) => http.del(`/api/v1/hunting/templates/${id}`),
}

/** The event fields the query language knows (protocol EventField), for completion. */
export const EVENT_FIELDS = [
  'event_id', 'event_time', 'ingest_time', 'event_type', 'event_category', 'event_code', 'source_type',
  'asset_id', 'host_name', 'host_ip', 'sensor_id', 'service', 'session_id', 'process_name', 'path',
  'command_line', 'process_id', 'parent_process_name', 'parent_path', 'parent_command_line', 'user',
  'src_ip', 'src_port', 'dst_ip', 'dst_port', 'protocol', 'username', 'password', 'http_method', 'url',
  'user_agent', 'dns_query', 'file_path', 'registry_key', 'message', 'truncated', 'raw', 'ioc_match',
] as const
