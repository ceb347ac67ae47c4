import { ref } from 'vue'
import type { EventRecord } from '@/api/types'
import { hoursAgo, serverTime } from '@/app/time'
import { huntingApi, type HistogramBucket } from '../api'

export type RangeChoice = '1h' | '24h' | '7d' | '30d' | 'custom'
const HOURS: Record<Exclude<RangeChoice, 'custom'>, number> = { '1h': 1, '24h': 24, '7d': 168, '30d': 720 }
const INTERVALS: Record<Exclude<RangeChoice, 'custom'>, string> = { '1h': '1m', '24h': '30m', '7d': '6h', '30d': '1d' }

/** One hunt: the query, its time range, a server-paged result, the histogram. */
export function useHunt() {
  const query = ref('')
  const range = ref<RangeChoice>('7d')
  const custom = ref<[string, string] | null>(null)
  const page = ref(1)
  const size = ref(50)
  const items = ref<EventRecord[]>([])
  const total = ref(0)
  const histogram = ref<HistogramBucket[]>([])
  const loading = ref(false)
  const ran = ref('')

  function bounds(): { from?: string; to?: string; interval: string } {
    if (range.value === 'custom') {
      const [from, to] = custom.value ?? []
      const span = from && to ? (Date.parse(to + 'Z') - Date.parse(from + 'Z')) / 3600_000 : 168
      return { from, to, interval: span <= 2 ? '1m' : span <= 48 ? '30m' : span <= 240 ? '6h' : '1d' }
    }
    return { from: hoursAgo(HOURS[range.value]), to: serverTime(new Date()), interval: INTERVALS[range.value] }
  }

  async function run(resetPage = true): Promise<void> {
    if (resetPage) page.value = 1
    loading.value = true
    try {
      const { from, to, interval } = bounds()
      const [result, buckets] = await Promise.all([
        huntingApi.query({ query: query.value, from, to, page: page.value, size: size.value }),
        resetPage ? huntingApi.histogram(query.value, interval, from, to) : Promise.resolve(histogram.value),
      ])
      items.value = result.items
      total.value = result.total
      histogram.value = buckets
      ran.value = query.value
    } finally {
      loading.value = false
    }
  }

  return { query, range, custom, page, size, items, total, histogram, loading, ran, bounds, run }
}
