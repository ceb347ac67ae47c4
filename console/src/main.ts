import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './app/style.css'
import App from './App.vue'
import { i18n } from './app/i18n'
import { createAppRouter } from './app/router'
import { bindSession } from './api/http'
import { useUserStore } from './stores/userStore'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createAppRouter()
app.use(router)

const user = useUserStore(pinia)
bindSession({
  accessToken: () => user.accessToken,
  refresh: () => user.refresh(),
  expired: () => {
    // the session is over: back to the login page, and afterwards back to where the user was
    user.clear()
    const current = router.currentRoute.value
    // during the first navigation the route guard sends the user to the login page itself
    if (current.matched.length && !current.meta.public) router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  },
})

document.documentElement.lang = i18n.global.locale.value
app.mount('#app')
