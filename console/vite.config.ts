import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

// The dev server proxies the API to a running H-System server (HSYSTEM_URL, default :8000).
const target = process.env.HSYSTEM_URL ?? 'http://localhost:8000'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components are imported where used, so each route chunk carries only its own.
    Components({ dts: 'src/components.d.ts', resolvers: [ElementPlusResolver({ importStyle: false })] }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: {
      '/api/v1/ws': { target: target.replace(/^http/, 'ws'), ws: true },
      '/api': target,
      '/actuator': target,
    },
  },
  build: {
    outDir: 'dist',
    manifest: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/__tests__/**/*.test.ts'],
    server: { deps: { inline: ['element-plus'] } },
  },
})
