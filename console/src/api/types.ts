import type { components } from './schema'

/** The server's schemas, snake_case as on the wire (see scripts/gen-api.mjs). */
export type Schemas = components['schemas']

export type Alert = Schemas['AlertJson']
export type AlertDetail = Schemas['AlertDetailResponse']
export type AlertHistory = Schemas['HistoryResponse']
export type Asset = Schemas['AssetResponse']
export type Vulnerability = Schemas['VulnerabilityResponse']
export type User = Schemas['UserResponse']
export type Template = Schemas['TemplateResponse']
export type Rule = Schemas['RuleJson']
export type RuleDetail = Schemas['RuleDetailJson']
export type DryRun = Schemas['DryRunJson']
export type Backup = Schemas['BackupResponse']
export type RestoreState = Schemas['RestoreResponse']
export type UpdateCheck = Schemas['CheckResponse']
export type SystemStatus = Schemas['StatusResponse']
export type AuditRecord = Schemas['AuditRecordResponse']
export type ChainVerification = Schemas['ChainVerification']
export type TokenResponse = Schemas['TokenResponse']

/** Every list endpoint answers `{total, items}` and takes `page` (from 1) and `size`. */
export interface Page<T> {
  total: number
  items: T[]
}

/** An event as hunting and evidence return it: flat, snake_case fields. */
export type EventRecord = Record<string, unknown>

/** `GET /alerts/summary`: severity → status → count. */
export type AlertSummary = Record<string, Record<string, number>>

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export const ALERT_STATUSES = ['unhandled', 'handling', 'handled', 'ignored'] as const
export type Severity = (typeof SEVERITIES)[number]
export type AlertStatus = (typeof ALERT_STATUSES)[number]
