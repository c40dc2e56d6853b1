import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'

/**
 * Copies text and says whether it worked. `navigator.clipboard` needs HTTPS or localhost; a
 * console opened over plain HTTP on a store's LAN falls back to the older copy command.
 */
export function useClipboard() {
  const { t } = useI18n()

  function legacyCopy(text: string): boolean {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    try {
      return document.execCommand('copy')
    } finally {
      area.remove()
    }
  }

  async function copy(text: string) {
    let copied = false
    try {
      if (navigator.clipboard) {
        await navigator.clipboard.writeText(text)
        copied = true
      }
    } catch {
      copied = false
    }
    if (!copied) copied = legacyCopy(text)
    if (copied) ElMessage.success(t('common.copied'))
    else ElMessage.warning(t('common.copyFailed'))
  }

  return { copy }
}
