import { http } from '@/api/http'
import type { Alert, AlertDetail, AlertSummary, Page, Schemas } from '@/api/types'

export interface AlertFilter {
  severity?: string[]
  status?: string[]
  asset_id?: number
  alert_type?: string
  src_ip?: string
  q?: string
  from?: string
  to?: string
}

export const alertsApi = {
  list: (filter: AlertFilter, page: number, size: number) =>
    http.get<Page<Alert>>('/api/v1/alerts', { ...filter, page, size, sort: 'create_time', order: 'desc' }),
  get: (id: number) => http.get<AlertDetail>(`/api/v1/alerts/${id}`),
  summary: (from?: string) => http.get<AlertSummary>('/api/v1/alerts/summary', { from }),
  handle: (id: number, status: string, remark?: string) =>
    http.put<{ success: boolean }>(`/api/v1/alerts/${id}/handle`, { status, remark }),
  handleAll: (ids: number[], status: string, remark?: string) =>
    http.post<Schemas['BulkHandleResponse']>('/api/v1/alerts/handle', { ids, status, remark }),
  suppress: (id: number, body: { fields: string[]; scope: string; reason: string; expires_at?: string }) =>
    http.post<Schemas['SuppressionResponse']>(`/api/v1/alerts/${id}/suppress`, body),
}
