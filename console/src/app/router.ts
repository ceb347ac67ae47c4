import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router'
import { useUserStore } from '@/stores/userStore'
import './routeMeta'

/** Each feature module contributes its own `routes.ts`. */
const moduleRoutes = Object.values(
  import.meta.glob<{ default: RouteRecordRaw[] }>('../modules/*/routes.ts', { eager: true }),
).flatMap((m) => m.default)

export const shellRoutes = moduleRoutes.filter((r) => !r.meta?.public)
const publicRoutes = moduleRoutes.filter((r) => r.meta?.public)

const routes: RouteRecordRaw[] = [
  ...publicRoutes,
  {
    path: '/',
    component: () => import('./layout/AppLayout.vue'),
    children: [
      { path: '', redirect: { name: 'dashboard' } },
      ...shellRoutes,
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/ForbiddenView.vue') },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  },
]

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach(async (to) => {
    if (to.meta.public) return true
    const user = useUserStore()
    if (!user.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } }
    if (!user.me) {
      try {
        await user.fetchMe()
      } catch {
        user.clear()
        return { name: 'login', query: { redirect: to.fullPath } }
      }
    }
    if (user.mustChangePassword && to.name !== 'password') {
      return { name: 'password', query: { redirect: to.fullPath } }
    }
    if (!user.can(to.meta.permission)) return { name: 'forbidden' }
    return true
  })
  return router
}
