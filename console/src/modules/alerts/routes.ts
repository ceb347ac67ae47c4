import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'alerts',
    name: 'alerts',
    component: () => import('./views/AlertsView.vue'),
    meta: { title: 'nav.alerts', nav: 2, permission: 'alerts:read' },
  },
]
export default routes
