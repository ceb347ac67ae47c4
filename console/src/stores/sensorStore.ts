import { defineStore } from 'pinia'
import { ref } from 'vue'
import { sensorsApi, type CreatedToken, type EnrollmentToken, type Sensor, type ServiceConfig } from '@/modules/honeypots/api'

/** Enrolled sensors and their enrollment tokens; every change reloads the list it touched. */
export const useSensorStore = defineStore('sensor', () => {
  const sensors = ref<Sensor[]>([])
  const tokens = ref<EnrollmentToken[]>([])
  const loading = ref(false)
  /** The token just created: its secret and command are shown once, then forgotten. */
  const created = ref<CreatedToken | null>(null)

  async function fetch(): Promise<void> {
    loading.value = true
    try {
      sensors.value = (await sensorsApi.list()).items
    } finally {
      loading.value = false
    }
  }

  async function fetchTokens(): Promise<void> {
    tokens.value = (await sensorsApi.tokens()).items
  }

  async function createToken(name: string, expiresInMinutes: number): Promise<CreatedToken> {
    const token = await sensorsApi.createToken({ name: name.trim() || undefined, expires_in_minutes: expiresInMinutes })
    created.value = token
    await fetchTokens()
    return token
  }

  function forgetCreated(): void {
    created.value = null
  }

  async function revokeToken(id: number): Promise<void> {
    await sensorsApi.revokeToken(id)
    await fetchTokens()
  }

  async function saveConfig(id: string, services: ServiceConfig[]): Promise<Sensor> {
    const sensor = await sensorsApi.updateConfig(id, services)
    const i = sensors.value.findIndex((s) => s.id === id)
    if (i >= 0) sensors.value.splice(i, 1, sensor)
    return sensor
  }

  async function revoke(id: string): Promise<void> {
    await sensorsApi.revoke(id)
    await fetch()
  }

  async function decommission(id: string): Promise<void> {
    await sensorsApi.decommission(id)
    await fetch()
  }

  return { sensors, tokens, loading, created, fetch, fetchTokens, createToken, forgetCreated, revokeToken, saveConfig, revoke, decommission }
})
