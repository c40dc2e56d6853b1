import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n, currentLocale } from './i18n'
import { createAppRouter } from './router'
import { syncRealtimeWithSession } from './realtime/socket'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(ElementPlus)
app.use(createAppRouter())
document.documentElement.lang = currentLocale()

syncRealtimeWithSession()
app.mount('#app')
