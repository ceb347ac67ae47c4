import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { Alert, AlertDetail } from '@/api/types'
import { alertsApi, type AlertFilter } from '@/modules/alerts/api'

/** The alert center's list (server-paged), live arrivals and handling. */
export const useAlertStore = defineStore('alert', () => {
  const filter = reactive<AlertFilter>({})
  const page = ref(1)
  const size = ref(20)
  const items = ref<Alert[]>([])
  const total = ref(0)
  const loading = ref(false)
  /** Alerts that arrived live and are not yet seen in the list (the badge). */
  const unseen = ref(0)
  /** Live alerts the current list does not show (another page or filter): "refresh to see". */
  const hidden = ref(0)
  /** The newest alerts pushed live, newest first (for the dashboard and notifications). */
  const live = ref<Alert[]>([])
  const detail = ref<AlertDetail | null>(null)

  async function fetch(): Promise<void> {
    loading.value = true
    try {
      const result = await alertsApi.list({ ...filter }, page.value, size.value)
      items.value = result.items
      total.value = result.total
      unseen.value = 0
      hidden.value = 0
    } finally {
      loading.value = false
    }
  }

  function setFilter(next: AlertFilter): void {
    for (const key of Object.keys(filter) as Array<keyof AlertFilter>) delete filter[key]
    Object.assign(filter, next)
    page.value = 1
  }

  function matches(alert: Alert): boolean {
    if (filter.severity?.length && !filter.severity.includes(alert.severity ?? '')) return false
    if (filter.status?.length && !filter.status.includes(alert.status ?? '')) return false
    if (filter.asset_id && filter.asset_id !== alert.asset_id) return false
    if (filter.alert_type && filter.alert_type !== alert.alert_type) return false
    if (filter.src_ip && filter.src_ip !== alert.src_ip) return false
    return !filter.q && !filter.from && !filter.to
  }

  /** Takes alerts pushed over the socket: new ones go on top of page 1, changed ones are updated. */
  function receive(kind: string, alerts: Alert[]): void {
    for (const alert of alerts) {
      const index = items.value.findIndex((a) => a.id === alert.id)
      if (index >= 0) {
        items.value[index] = alert
        continue
      }
      if (kind === 'updated') continue
      live.value = [alert, ...live.value.filter((a) => a.id !== alert.id)].slice(0, 50)
      unseen.value++
      if (page.value === 1 && matches(alert)) {
        items.value = [alert, ...items.value].slice(0, size.value)
        total.value++
      } else {
        hidden.value++
      }
    }
  }

  function markSeen(): void {
    unseen.value = 0
  }

  async function open(id: number): Promise<AlertDetail> {
    detail.value = await alertsApi.get(id)
    return detail.value
  }

  function applyStatus(ids: number[], status: string, remark?: string): void {
    for (const a of items.value) {
      if (a.id !== undefined && ids.includes(a.id)) {
        a.status = status
        if (remark !== undefined) a.remark = remark
      }
    }
  }

  async function handle(id: number, status: string, remark?: string): Promise<void> {
    await alertsApi.handle(id, status, remark)
    applyStatus([id], status, remark)
    if (detail.value?.id === id) await open(id)
  }

  /** Handles several alerts; answers the ids the server skipped, with why. */
  async function handleAll(ids: number[], status: string, remark?: string) {
    const result = await alertsApi.handleAll(ids, status, remark)
    applyStatus(result.updated ?? [], status, remark)
    return result.skipped ?? []
  }

  return { filter, page, size, items, total, loading, unseen, hidden, live, detail, fetch, setFilter, receive, markSeen, open, handle, handleAll }
})
