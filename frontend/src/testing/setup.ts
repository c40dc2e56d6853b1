import { afterEach, beforeEach } from 'vitest'
import { setActivePinia, createPinia } from 'pinia'
import { enableAutoUnmount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { DEFAULT_LOCALE } from '@/enums/locale'

beforeEach(() => {
  localStorage.clear()
  i18n.global.locale.value = DEFAULT_LOCALE
  setActivePinia(createPinia())
})

enableAutoUnmount(afterEach)

afterEach(() => {
  localStorage.clear()
  // Dialogs and dropdowns are teleported to <body>; leave none behind for the next test.
  document.body.innerHTML = ''
})
