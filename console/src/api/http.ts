/**
 * The one HTTP client. Sends the bearer token, renews it once on a 401 with the refresh token, and
 * turns RFC 9457 problem bodies into {@link ApiError} with the server's stable `code`.
 */

export interface FieldError {
  field: string
  message: string
}

/** A failed request: the problem's code (`auth.account_locked`, `network_error`, ...) and details. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly fieldErrors: FieldError[]
  /** Problem-specific members, e.g. `locked_until`, `retry_after`. */
  readonly properties: Record<string, unknown>
  readonly requestId?: string

  constructor(init: {
    status: number
    code: string
    title?: string
    detail?: string
    fieldErrors?: FieldError[]
    properties?: Record<string, unknown>
    requestId?: string
  }) {
    super(init.detail || init.title || init.code)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.title = init.title ?? ''
    this.detail = init.detail ?? ''
    this.fieldErrors = init.fieldErrors ?? []
    this.properties = init.properties ?? {}
    this.requestId = init.requestId
  }
}

const STANDARD = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'request_id', 'errors'])

/** Codes for failures the server did not describe (no problem body). */
function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'validation_failed'
    case 401:
      return 'unauthenticated'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    case 409:
      return 'conflict'
    case 413:
      return 'payload_too_large'
    case 429:
      return 'too_many_requests'
    default:
      return status >= 500 ? 'internal_error' : 'http_' + status
  }
}

/** Maps a non-2xx response to an ApiError; exported for tests. */
export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? ''
  let body: Record<string, unknown> | null = null
  if (type.includes('json')) {
    try {
      body = (await response.json()) as Record<string, unknown>
    } catch {
      body = null
    }
  }
  if (!body || typeof body !== 'object') {
    return new ApiError({ status: response.status, code: codeForStatus(response.status), title: response.statusText })
  }
  const properties: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body)) if (!STANDARD.has(k)) properties[k] = v
  const errors = Array.isArray(body.errors)
    ? (body.errors as Array<Record<string, unknown>>).map((e) => ({
        field: String(e.field ?? ''),
        message: String(e.message ?? ''),
      }))
    : []
  return new ApiError({
    status: response.status,
    code: typeof body.code === 'string' ? body.code : codeForStatus(response.status),
    title: typeof body.title === 'string' ? body.title : '',
    detail: typeof body.detail === 'string' ? body.detail : '',
    fieldErrors: errors,
    properties,
    requestId: typeof body.request_id === 'string' ? body.request_id : undefined,
  })
}

export interface Session {
  /** The current access token, if any. */
  accessToken(): string | null
  /** Renews the tokens; resolves false when the session cannot be renewed. */
  refresh(): Promise<boolean>
  /** Called when a request stays unauthenticated: the session is over. */
  expired(): void
}

let session: Session | null = null

/** Wires the client to the user store (done once at start-up). */
export function bindSession(s: Session | null): void {
  session = s
}

export type Query = Record<string, string | number | boolean | undefined | null | Array<string | number>>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)))
    else params.append(key, String(value))
  }
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Raw body (YAML, binary) instead of JSON. */
  raw?: BodyInit
  contentType?: string
  /** No token, no renewal: login and refresh themselves. */
  anonymous?: boolean
  signal?: AbortSignal
}

let refreshing: Promise<boolean> | null = null

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  let body: BodyInit | undefined
  if (options.raw !== undefined) {
    body = options.raw
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream'
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['Content-Type'] = 'application/json'
  }
  const token = options.anonymous ? null : session?.accessToken()
  if (token) headers.Authorization = `Bearer ${token}`
  try {
    return await fetch(withQuery(path, options.query), { method, headers, body, signal: options.signal })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError({ status: 0, code: 'network_error', detail: (e as Error).message })
  }
}

/** Sends with the session's token, renewing it once on a 401; throws ApiError unless 2xx. */
async function authenticated(method: string, path: string, options: RequestOptions): Promise<Response> {
  let response = await send(method, path, options)
  if (response.status === 401 && !options.anonymous && session) {
    // one renewal shared by every request that hit the expiry at the same time
    refreshing ??= session.refresh().finally(() => (refreshing = null))
    if (await refreshing) response = await send(method, path, options)
    if (response.status === 401) {
      session.expired()
    }
  }
  if (!response.ok) throw await toApiError(response)
  return response
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await authenticated(method, path, options)
  if (response.status === 204) return undefined as T
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) return (await response.json()) as T
  return (await response.text()) as unknown as T
}

/** The file name of a Content-Disposition header (RFC 6266: `filename*` first), if any. */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"(.*)"$/, '$1'))
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header)
  if (!plain) return null
  const name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim()
  return name || null
}

export interface Download {
  blob: Blob
  /** From Content-Disposition; null when the server gave none. */
  filename: string | null
}

/** An authenticated binary download (the token renewal of every request included). */
export async function download(path: string, options: RequestOptions = {}): Promise<Download> {
  const response = await authenticated('GET', path, options)
  return { blob: await response.blob(), filename: dispositionFilename(response.headers.get('content-disposition')) }
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
  download,
}
