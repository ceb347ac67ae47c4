import { http } from '@/api/http'
import type { AuditRecord, Backup, ChainVerification, Page, SystemStatus, UpdateCheck, User } from '@/api/types'

export interface UpdateState {
  status: string
  progress: number
  current_version?: string
  target_version?: string
  step?: string
  error?: string
  [key: string]: unknown
}

export const systemApi = {
  status: () => http.get<SystemStatus>('/api/v1/system/status'),
  backups: () => http.get<Page<Backup>>('/api/v1/system/backups'),
  createBackup: () => http.post<Backup>('/api/v1/system/backups'),
  deleteBackup: (id: string) => http.del(`/api/v1/system/backups/${encodeURIComponent(id)}`),
  checkUpdate: () => http.get<UpdateCheck>('/api/v1/system/update/check'),
  startUpdate: (password: string) => http.post<UpdateState>('/api/v1/system/update/start', { confirm_backup: true, password }),
  updateStatus: () => http.get<UpdateState>('/api/v1/system/update/status'),
  users: (page: number, size: number) => http.get<Page<User>>('/api/v1/users', { page, size }),
  createUser: (body: { username: string; password: string; role: string; display_name?: string }) => http.post<User>('/api/v1/users', body),
  updateUser: (id: number, body: { role?: string; enabled?: boolean; display_name?: string }) => http.patch<User>(`/api/v1/users/${id}`, body),
  unlockUser: (id: number) => http.post(`/api/v1/users/${id}/unlock`),
  audit: (filter: Record<string, string | undefined>, page: number, size: number) =>
    http.get<Page<AuditRecord>>('/api/v1/audit', { ...filter, page, size }),
  verifyAudit: () => http.get<ChainVerification>('/api/v1/audit/verify'),
}

export const ROLES = ['admin', 'analyst', 'auditor'] as const
