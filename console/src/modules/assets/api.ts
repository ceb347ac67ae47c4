import { http } from '@/api/http'
import type { Asset, Page, Vulnerability } from '@/api/types'

export interface AssetFilter {
  type?: string
  status?: string
  q?: string
}

export interface VulnerabilityFilter {
  asset_id?: number
  severity?: string
  status?: string
  cve_id?: string
}

export const assetsApi = {
  list: (filter: AssetFilter, page: number, size: number) =>
    http.get<Page<Asset>>('/api/v1/assets', { ...filter, page, size }),
  get: (id: number) => http.get<Asset>(`/api/v1/assets/${id}`),
  create: (body: Partial<Asset>) => http.post<Asset>('/api/v1/assets', body),
  update: (id: number, body: Partial<Asset>) => http.put<Asset>(`/api/v1/assets/${id}`, body),
  remove: (id: number) => http.del(`/api/v1/assets/${id}`),
  vulnerabilities: (filter: VulnerabilityFilter, page: number, size: number) =>
    http.get<Page<Vulnerability>>('/api/v1/vulnerabilities', { ...filter, page, size }),
  triage: (id: number, status: string, reason: string) =>
    http.put<Vulnerability>(`/api/v1/vulnerabilities/${id}/status`, { status, reason }),
}
