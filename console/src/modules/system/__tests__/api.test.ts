import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, mockFetch } from '@/test-support'
import { ApiError, bindSession, dispositionFilename } from '@/api/http'
import { errorMessage } from '@/app/errors'
import { safeFilename, systemApi } from '../api'

afterEach(() => {
  vi.unstubAllGlobals()
  bindSession(null)
})

const token = (value: string) => bindSession({ accessToken: () => value, refresh: async () => false, expired: () => {} })
const problem = (status: number, code: string, detail = '') => json(status, { code, status, title: code, detail }, 'application/problem+json')

describe('dispositionFilename / safeFilename', () => {
  it('reads quoted, bare and RFC 5987 names', () => {
    expect(dispositionFilename('attachment; filename="20250101-120000-manual.hsb"')).toBe('20250101-120000-manual.hsb')
    expect(dispositionFilename('attachment; filename=a.hsb')).toBe('a.hsb')
    expect(dispositionFilename("attachment; filename=\"x.hsb\"; filename*=UTF-8''%E5%A4%87%E4%BB%BD.hsb")).toBe('备份.hsb')
    expect(dispositionFilename('attachment')).toBeNull()
    expect(dispositionFilename(null)).toBeNull()
  })

  it('drops folders', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd')
    expect(safeFilename('C:\\x\\y.hsb')).toBe('y.hsb')
    expect(safeFilename('..')).toBeNull()
    expect(safeFilename(null)).toBeNull()
  })
})

describe('backup API', () => {
  it('downloads with the bearer token and names the file from Content-Disposition', async () => {
    token('tok-1')
    const calls = mockFetch({
      'GET /api/v1/system/backups/b%2F1/download': () =>
        new Response(new Uint8Array([1, 2, 3]), {
          status: 200,
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="b1.hsb"' },
        }),
      'GET /api/v1/system/backups/b2/download': () => new Response(new Uint8Array([9]), { status: 200 }),
    })
    const result = await systemApi.downloadBackup('b/1')
    expect(result.filename).toBe('b1.hsb')
    expect(result.blob.size).toBe(3)
    expect(calls[0].headers.Authorization).toBe('Bearer tok-1')
    expect((await systemApi.downloadBackup('b2')).filename).toBe('b2.hsb')
  })

  it('turns a failed download into the problem', async () => {
    mockFetch({ 'GET /api/v1/system/backups/x/download': () => problem(404, 'backup.not_found') })
    const error = await systemApi.downloadBackup('x').catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('backup.not_found')
  })

  it('uploads the file as octet-stream and surfaces the problem code on 400', async () => {
    token('tok-2')
    let answer = json(201, { id: 'up1', size_bytes: 4 })
    const calls = mockFetch({ 'POST /api/v1/system/backups/upload': () => answer })
    const file = new Blob([new Uint8Array([1, 2, 3, 4])])
    expect((await systemApi.uploadBackup(file)).id).toBe('up1')
    expect(calls[0].headers['Content-Type']).toBe('application/octet-stream')
    expect(calls[0].headers.Authorization).toBe('Bearer tok-2')
    expect(calls[0].body).toBe(file)

    answer = problem(400, 'backup.wrong_key', 'The backup key does not open this backup')
    const error = await systemApi.uploadBackup(file).catch((e) => e)
    expect(error.code).toBe('backup.wrong_key')
    expect(errorMessage(error)).not.toBe('The backup key does not open this backup') // translated
    answer = problem(400, 'backup.damaged')
    expect((await systemApi.uploadBackup(file).catch((e) => e)).code).toBe('backup.damaged')
  })

  it('stages a restore with the password, reads and cancels the pending one', async () => {
    let pending: Response = new Response(null, { status: 204 })
    const calls = mockFetch({
      'POST /api/v1/system/backups/b1/restore': (call) =>
        (call.body as { password: string }).password === 'right'
          ? json(202, { status: 'staged', backup_id: 'b1', restart_required: true, tables: 20 })
          : problem(403, 'backup.confirmation_failed'),
      'GET /api/v1/system/restore': () => pending,
      'DELETE /api/v1/system/restore': () => new Response(null, { status: 204 }),
    })
    expect(await systemApi.pendingRestore()).toBeNull()
    const staged = await systemApi.restoreBackup('b1', 'right')
    expect(staged).toMatchObject({ status: 'staged', restart_required: true })
    expect(calls[1].body).toEqual({ password: 'right' })
    expect((await systemApi.restoreBackup('b1', 'wrong').catch((e) => e)).code).toBe('backup.confirmation_failed')

    pending = json(200, { status: 'staged', backup_id: 'b1' })
    expect((await systemApi.pendingRestore())?.backup_id).toBe('b1')
    await systemApi.cancelRestore()
    expect(calls.at(-1)?.method).toBe('DELETE')
  })
})
