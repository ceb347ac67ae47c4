import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** The permission the page needs (`alerts:read` ...). */
    permission?: string
    /** i18n key of the page title. */
    title?: string
    /** Shown in the side menu at this position. */
    nav?: number
    icon?: string
  }
}
export {}
