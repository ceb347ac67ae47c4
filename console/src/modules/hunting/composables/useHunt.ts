import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue'
import type { EventRecord } from '@/api/types'
import { ApiError } from '@/api/http'
import { hoursAgo, serverTime } from '@/app/time'
import { realtime, type HuntHandlers, type HuntRequest } from '@/realtime/socket'
import { huntingApi, type HistogramBucket } from '../api'

export type RangeChoice = '1h' | '24h' | '7d' | '30d' | 'custom'
const HOURS: Record<Exclude<RangeChoice, 'custom'>, number> = { '1h': 1, '24h': 24, '7d': 168, '30d': 720 }
const INTERVALS: Record<Exclude<RangeChoice, 'custom'>, string> = { '1h': '1m', '24h': '30m', '7d': '6h', '30d': '1d' }

/** What the hunt needs of the live connection (the real one, or a fake in tests). */
export interface HuntSource {
  readonly ready: boolean
  hunt(request: HuntRequest, handlers: HuntHandlers): () => void
}

/** Rows a streamed hunt asks for at most (the server allows 10 000). */
export const STREAM_LIMIT = 5000
/** Rows per streamed page. */
export const STREAM_PAGE = 200

/**
 * One hunt: the query, its time range, the results and the histogram. With the live connection
 * open the results stream in page by page (kept in memory and paged here, stoppable); without it
 * they come from the REST query, paged by the server.
 */
export function useHunt(source: HuntSource = realtime) {
  const query = ref('')
  const range = ref<RangeChoice>('7d')
  const custom = ref<[string, string] | null>(null)
  const page = ref(1)
  const size = ref(50)
  /** Every row received (streaming) or the server's current page (REST). */
  const items = shallowRef<EventRecord[]>([])
  /** How many events match, as the server counts them. */
  const total = ref(0)
  const histogram = ref<HistogramBucket[]>([])
  const loading = ref(false)
  const ran = ref('')
  const mode = ref<'stream' | 'rest'>('rest')
  const streaming = ref(false)
  const stopped = ref(false)
  /** A failure of the stream (after the run started); REST failures are thrown by run(). */
  const streamError = ref<ApiError | null>(null)

  let cancel: (() => void) | null = null
  let seq = 0

  const received = computed(() => items.value.length)
  /** How many rows the stream will deliver at most. */
  const expected = computed(() => Math.min(total.value, STREAM_LIMIT))
  const progress = computed(() => {
    if (mode.value !== 'stream') return 100
    if (!streaming.value) return 100
    return expected.value ? Math.min(100, Math.round((items.value.length / expected.value) * 100)) : 0
  })
  /** The rows of the table's current page. */
  const rows = computed(() =>
    mode.value === 'stream' ? items.value.slice((page.value - 1) * size.value, page.value * size.value) : items.value,
  )
  /** The pager's total: rows received when streaming, the match count otherwise. */
  const pagerTotal = computed(() => (mode.value === 'stream' ? items.value.length : total.value))

  function bounds(): { from?: string; to?: string; interval: string } {
    if (range.value === 'custom') {
      const [from, to] = custom.value ?? []
      const span = from && to ? (Date.parse(to + 'Z') - Date.parse(from + 'Z')) / 3600_000 : 168
      return { from, to, interval: span <= 2 ? '1m' : span <= 48 ? '30m' : span <= 240 ? '6h' : '1d' }
    }
    return { from: hoursAgo(HOURS[range.value]), to: serverTime(new Date()), interval: INTERVALS[range.value] }
  }

  /** Stops a running stream; the rows received so far stay. */
  function stop(): void {
    if (!streaming.value) return
    cancel?.()
    cancel = null
    streaming.value = false
    stopped.value = true
    loading.value = false
  }

  async function rest(run: number, from?: string, to?: string): Promise<void> {
    const result = await huntingApi.query({ query: ran.value, from, to, page: page.value, size: size.value })
    if (run !== seq) return
    mode.value = 'rest'
    items.value = result.items
    total.value = result.total
  }

  function stream(run: number, from?: string, to?: string): void {
    mode.value = 'stream'
    items.value = []
    total.value = 0
    streaming.value = true
    cancel = source.hunt(
      { query: ran.value, from, to, page_size: STREAM_PAGE, limit: STREAM_LIMIT },
      {
        page(pageItems, matching) {
          if (run !== seq) return
          items.value = items.value.concat(pageItems)
          total.value = matching
          loading.value = false
        },
        done(_returned, matching) {
          if (run !== seq) return
          total.value = matching
          streaming.value = false
          loading.value = false
          cancel = null
        },
        error(code, detail) {
          if (run !== seq) return
          streaming.value = false
          cancel = null
          if (code === 'network_error' && items.value.length === 0) {
            // the connection went away before anything arrived: ask over REST instead
            rest(run, from, to)
              .catch((e) => (streamError.value = e instanceof ApiError ? e : new ApiError({ status: 0, code: 'network_error', detail: String(e) })))
              .finally(() => run === seq && (loading.value = false))
            return
          }
          loading.value = false
          streamError.value = new ApiError({ status: 0, code, detail })
        },
      },
    )
  }

  /**
   * Runs the query (resetPage: a new run; otherwise a page change). Resolves once the histogram is
   * in and the results are either in (REST) or streaming.
   */
  async function run(resetPage = true): Promise<void> {
    if (!resetPage && mode.value === 'stream') return // the stream's rows are paged here
    if (resetPage) page.value = 1
    const current = ++seq
    if (streaming.value) cancel?.()
    cancel = null
    streaming.value = false
    stopped.value = false
    streamError.value = null
    loading.value = true
    const { from, to, interval } = bounds()
    if (resetPage) ran.value = query.value
    try {
      const useStream = resetPage && source.ready
      if (useStream) stream(current, from, to)
      const [buckets] = await Promise.all([
        resetPage ? huntingApi.histogram(ran.value, interval, from, to) : Promise.resolve(histogram.value),
        useStream ? Promise.resolve() : rest(current, from, to),
      ])
      if (current === seq) histogram.value = buckets
    } finally {
      if (current === seq && !streaming.value) loading.value = false
    }
  }

  if (getCurrentScope()) onScopeDispose(stop)

  return {
    query, range, custom, page, size, items, total, histogram, loading, ran, mode, streaming, stopped,
    streamError, received, expected, progress, rows, pagerTotal, bounds, run, stop,
  }
}
