import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { Asset } from '@/api/types'
import { assetsApi, type AssetFilter } from '@/modules/assets/api'

/** The asset list (server-paged) and a cache of asset details by id. */
export const useAssetStore = defineStore('asset', () => {
  const filter = reactive<AssetFilter>({})
  const page = ref(1)
  const size = ref(20)
  const items = ref<Asset[]>([])
  const total = ref(0)
  const loading = ref(false)
  const byId = reactive(new Map<number, Asset>())

  async function fetch(): Promise<void> {
    loading.value = true
    try {
      const result = await assetsApi.list({ ...filter }, page.value, size.value)
      items.value = result.items
      total.value = result.total
      for (const a of result.items) if (a.id !== undefined) byId.set(a.id, a)
    } finally {
      loading.value = false
    }
  }

  /** An asset's detail, from the cache unless `fresh`. */
  async function get(id: number, fresh = false): Promise<Asset> {
    const cached = byId.get(id)
    if (cached && !fresh) return cached
    const asset = await assetsApi.get(id)
    byId.set(id, asset)
    return asset
  }

  /** The name of an asset already seen, for tables that only carry its id. */
  function nameOf(id: number | undefined | null): string | undefined {
    return id == null ? undefined : byId.get(id)?.name
  }

  async function save(id: number | null, body: Partial<Asset>): Promise<Asset> {
    const asset = id === null ? await assetsApi.create(body) : await assetsApi.update(id, body)
    if (asset.id !== undefined) byId.set(asset.id, asset)
    await fetch()
    return asset
  }

  async function remove(id: number): Promise<void> {
    await assetsApi.remove(id)
    byId.delete(id)
    await fetch()
  }

  return { filter, page, size, items, total, loading, byId, fetch, get, nameOf, save, remove }
})
