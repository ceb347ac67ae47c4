import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: 'rules', name: 'rules', component: () => import('./views/RulesView.vue'), meta: { title: 'nav.rules', nav: 7, permission: 'rules:read' } },
]
export default routes
