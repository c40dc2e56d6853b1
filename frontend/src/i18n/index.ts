import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN'
import en from './locales/en'
import { APP_LOCALES, AppLocale, DEFAULT_LOCALE } from '@/enums/locale'

export const LOCALE_STORAGE_KEY = 'rapport.locale'

export function readStoredLocale(): AppLocale {
  const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
  return APP_LOCALES.includes(stored as AppLocale) ? (stored as AppLocale) : DEFAULT_LOCALE
}

export const i18n = createI18n({
  legacy: false,
  locale: readStoredLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { [AppLocale.ZhCN]: zhCN, [AppLocale.En]: en },
})

export function currentLocale(): AppLocale {
  return i18n.global.locale.value as AppLocale
}

/** Switches the UI language and remembers the choice on this device. */
export function setLocale(locale: AppLocale) {
  i18n.global.locale.value = locale
  globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

/** Translation for code outside components (request client, stores). */
export const t = i18n.global.t
