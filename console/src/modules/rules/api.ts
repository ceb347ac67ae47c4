import { http } from '@/api/http'
import type { DryRun, Page, Rule, RuleDetail, Schemas } from '@/api/types'

export interface RuleFilter {
  q?: string
  kind?: string
  origin?: string
  enabled?: boolean
  level?: string
}

export const rulesApi = {
  list: (filter: RuleFilter, page: number, size: number) => http.get<Page<Rule>>('/api/v1/rules', { ...filter, page, size }),
  get: (id: string) => http.get<RuleDetail>(`/api/v1/rules/${encodeURIComponent(id)}`),
  setEnabled: (id: string, enabled: boolean) => http.put<Rule>(`/api/v1/rules/${encodeURIComponent(id)}/enabled`, { enabled }),
  /** Uploads Sigma YAML (one or several documents). */
  upload: (yaml: string, replace: boolean) =>
    http.post<Schemas['RuleImport']>('/api/v1/rules', undefined, { raw: yaml, contentType: 'application/yaml', query: { replace } }),
  remove: (id: string) => http.del(`/api/v1/rules/${encodeURIComponent(id)}`),
  dryRun: (body: { yaml: string; query?: string; from?: string; to?: string; events?: unknown[]; limit?: number }) =>
    http.post<DryRun>('/api/v1/rules/dry-run', body),
}
