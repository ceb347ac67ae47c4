import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'honeypots',
    name: 'honeypots',
    component: () => import('./views/HoneypotsView.vue'),
    meta: { title: 'nav.honeypots', nav: 6, permission: 'sensors:read' },
  },
  {
    path: 'attackers/:ip',
    name: 'attacker',
    component: () => import('./views/AttackerView.vue'),
    meta: { title: 'honeypots.attacker', permission: 'hunting:read' },
  },
]
export default routes
