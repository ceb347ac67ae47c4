import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'hunting',
    name: 'hunting',
    component: () => import('./views/HuntingView.vue'),
    meta: { title: 'nav.hunting', nav: 3, permission: 'hunting:read' },
  },
]
export default routes
