import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: 'assets', name: 'assets', component: () => import('./views/AssetsView.vue'), meta: { title: 'nav.assets', nav: 4, permission: 'assets:read' } },
  { path: 'assets/:id', name: 'asset', component: () => import('./views/AssetDetailView.vue'), meta: { title: 'assets.detail', permission: 'assets:read' } },
  {
    path: 'vulnerabilities',
    name: 'vulnerabilities',
    component: () => import('./views/VulnerabilitiesView.vue'),
    meta: { title: 'nav.vulnerabilities', nav: 5, permission: 'vulnerabilities:read' },
  },
]
export default routes
