import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  { path: 'password', name: 'password', component: () => import('./views/PasswordView.vue'), meta: { title: 'auth.changePassword' } },
]
export default routes
