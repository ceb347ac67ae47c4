import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: 'system', name: 'system', component: () => import('./views/SystemView.vue'), meta: { title: 'nav.system', nav: 8 } },
]
export default routes
