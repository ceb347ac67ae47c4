/**
 * The console's one WebSocket (`/api/v1/ws`): authenticates with the access token, re-subscribes
 * after reconnecting, and dispatches typed messages to listeners.
 */
import type { Alert, EventRecord } from '@/api/types'

export type ServerMessage =
  | { type: 'ready'; username: string }
  | { type: 'subscribed' }
  | { type: 'unsubscribed' }
  | { type: 'alerts'; kind: 'created' | 'updated' | 'missed' | string; items: Alert[]; more?: boolean }
  | { type: 'page'; id: string; page: number; total: number; items: EventRecord[] }
  | { type: 'done'; id: string; returned: number; total: number }
  | { type: 'cancelled'; id: string; returned: number }
  | { type: 'error'; id?: string; code: string; detail: string }
  | ({ type: 'update_progress'; status: string; progress: number } & Record<string, unknown>)

type Listener = (message: ServerMessage) => void

export interface HuntHandlers {
  page(items: EventRecord[], total: number): void
  done(returned: number, total: number): void
  error(code: string, detail: string): void
}

export interface HuntRequest {
  query: string
  from?: string
  to?: string
  sort?: 'asc' | 'desc'
  page_size?: number
  limit?: number
}

export class RealtimeConnection {
  private socket: WebSocket | null = null
  private listeners = new Set<Listener>()
  private alertSubscription: { severities?: string[] } | null = null
  private lastAlertId: number | null = null
  private retry = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private tokenProvider: () => string | null = () => null
  private stopped = true
  private huntSeq = 0
  private hunts = new Map<string, HuntHandlers>()
  ready = false
  onState: (connected: boolean) => void = () => {}

  constructor(private readonly url: () => string = defaultUrl) {}

  start(tokenProvider: () => string | null): void {
    this.tokenProvider = tokenProvider
    this.stopped = false
    if (!this.socket) this.open()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.socket?.close()
    this.socket = null
    this.ready = false
    this.alertSubscription = null
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  subscribeAlerts(severities?: string[]): void {
    this.alertSubscription = { severities }
    if (this.ready) this.sendSubscription()
  }

  unsubscribeAlerts(): void {
    this.alertSubscription = null
    if (this.ready) this.send({ type: 'unsubscribe_alerts' })
  }

  /** Streams a hunt's results page by page; returns a function that cancels it. */
  hunt(request: HuntRequest, handlers: HuntHandlers): () => void {
    const id = `h${++this.huntSeq}`
    if (!this.ready) {
      handlers.error('network_error', 'the live connection is not open')
      return () => {}
    }
    this.hunts.set(id, handlers)
    this.send({ type: 'hunt', id, ...request })
    return () => {
      if (this.hunts.delete(id)) this.send({ type: 'cancel', id })
    }
  }

  private open(): void {
    const socket = new WebSocket(this.url())
    this.socket = socket
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'auth', token: this.tokenProvider() }))
    }
    socket.onmessage = (event) => {
      let message: ServerMessage
      try {
        message = JSON.parse(String(event.data)) as ServerMessage
      } catch {
        return
      }
      this.dispatch(message)
    }
    socket.onclose = () => {
      this.socket = null
      this.ready = false
      this.onState(false)
      for (const [id, h] of this.hunts) {
        h.error('network_error', 'the live connection closed')
        this.hunts.delete(id)
      }
      if (!this.stopped) {
        const delay = Math.min(30_000, 1000 * 2 ** this.retry++)
        this.timer = setTimeout(() => this.open(), delay)
      }
    }
  }

  /** Handles one server message; public for tests. */
  dispatch(message: ServerMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true
        this.retry = 0
        this.onState(true)
        if (this.alertSubscription) this.sendSubscription()
        break
      case 'alerts':
        for (const a of message.items) if (a.id && a.id > (this.lastAlertId ?? 0)) this.lastAlertId = a.id
        break
      case 'page':
        this.hunts.get(message.id)?.page(message.items, message.total)
        break
      case 'done':
        this.hunts.get(message.id)?.done(message.returned, message.total)
        this.hunts.delete(message.id)
        break
      case 'cancelled':
        this.hunts.delete(message.id)
        break
      case 'error':
        if (message.id && this.hunts.has(message.id)) {
          this.hunts.get(message.id)?.error(message.code, message.detail)
          this.hunts.delete(message.id)
        } else if (message.code === 'unauthenticated' && this.socket) {
          // the token expired: authenticate again with the renewed one
          this.socket.send(JSON.stringify({ type: 'auth', token: this.tokenProvider() }))
        }
        break
    }
    this.listeners.forEach((l) => l(message))
  }

  private sendSubscription(): void {
    const message: Record<string, unknown> = { type: 'subscribe_alerts' }
    if (this.alertSubscription?.severities?.length) message.severities = this.alertSubscription.severities
    if (this.lastAlertId !== null) message.since = this.lastAlertId
    this.send(message)
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message))
  }
}

function defaultUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/api/v1/ws`
}

/** The one connection of the console. */
export const realtime = new RealtimeConnection()
