import { http, type Download } from '@/api/http'
import type { AuditRecord, Backup, RestoreState, ChainVerification, Page, SystemStatus, UpdateCheck, User } from '@/api/types'

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
  /** The backup file, fetched with the session's token; the name comes from Content-Disposition. */
  downloadBackup: async (id: string): Promise<Download & { filename: string }> => {
    const result = await http.download(`/api/v1/system/backups/${encodeURIComponent(id)}/download`)
    return { blob: result.blob, filename: safeFilename(result.filename) ?? `${id}.hsb` }
  },
  /** Uploads a backup file as is (the server checks its key and integrity: backup.wrong_key, backup.damaged). */
  uploadBackup: (file: Blob) =>
    http.post<Backup>('/api/v1/system/backups/upload', undefined, { raw: file, contentType: 'application/octet-stream' }),
  /** Stages a restore, applied at the next restart; the password confirms it. */
  restoreBackup: (id: string, password: string) =>
    http.post<RestoreState>(`/api/v1/system/backups/${encodeURIComponent(id)}/restore`, { password }),
  /** The restore waiting for a restart, or null. */
  pendingRestore: async (): Promise<RestoreState | null> => (await http.get<RestoreState | undefined>('/api/v1/system/restore')) ?? null,
  cancelRestore: () => http.del('/api/v1/system/restore'),
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

/** A file name without folders, or null when nothing is left. */
export function safeFilename(name: string | null): string | null {
  const base = (name ?? '').split(/[\\/]/).pop()?.trim() ?? ''
  return base && base !== '.' && base !== '..' ? base : null
}

export const ROLES = ['admin', 'analyst', 'auditor'] as const
