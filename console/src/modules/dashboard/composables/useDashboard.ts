import { reactive, ref } from 'vue'
import { http, ApiError } from '@/api/http'
import type { Alert, AlertSummary, Page } from '@/api/types'
import { hoursAgo } from '@/app/time'
import { alertsApi } from '@/modules/alerts/api'
import { huntingApi, type HistogramBucket, type TopValue } from '@/modules/hunting/api'
import { useUserStore } from '@/stores/userStore'

const HONEYPOT = 'event_category:honeypot'
export const ASSET_STATUSES = ['online', 'offline', 'unknown', 'decommissioned'] as const

/** Everything the overview shows; each part loads on its own and stays empty when not allowed. */
export function useDashboard() {
  const user = useUserStore()
  const hours = ref(24)
  const attacks = ref<HistogramBucket[]>([])
  const topIps = ref<TopValue[]>([])
  const topServices = ref<TopValue[]>([])
  const summary = ref<AlertSummary>({})
  const critical = ref<Alert[]>([])
  const assets = reactive<Record<string, number>>({})
  /** null: the server has no sensors API (404). */
  const sensors = ref<Array<Record<string, unknown>> | null>(null)
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    const from = hoursAgo(hours.value)
    const interval = hours.value <= 24 ? '1h' : hours.value <= 168 ? '6h' : '1d'
    const jobs: Array<Promise<unknown>> = []
    if (user.can('hunting:read')) {
      jobs.push(huntingApi.histogram(HONEYPOT, interval, from).then((b) => (attacks.value = b)))
      jobs.push(huntingApi.topValues(HONEYPOT, 'src_ip', from).then((b) => (topIps.value = b)))
      jobs.push(huntingApi.topValues(HONEYPOT, 'service', from).then((b) => (topServices.value = b)))
    }
    if (user.can('alerts:read')) {
      jobs.push(alertsApi.summary().then((s) => (summary.value = s)))
      jobs.push(loadCritical())
    }
    if (user.can('assets:read')) {
      for (const status of ASSET_STATUSES) {
        jobs.push(http.get<Page<unknown>>('/api/v1/assets', { status, page: 1, size: 1 }).then((p) => (assets[status] = p.total)))
      }
    }
    jobs.push(
      http
        .get<Page<Record<string, unknown>>>('/api/v1/sensors', { page: 1, size: 100 })
        .then((p) => (sensors.value = p.items))
        .catch((e) => {
          if (e instanceof ApiError && (e.status === 404 || e.status === 403)) sensors.value = null
          else throw e
        }),
    )
    await Promise.allSettled(jobs)
    loading.value = false
  }

  async function loadCritical(): Promise<void> {
    critical.value = (await alertsApi.list({ severity: ['critical'] }, 1, 8)).items
  }

  return { hours, attacks, topIps, topServices, summary, critical, assets, sensors, loading, load, loadCritical }
}
