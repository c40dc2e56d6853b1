import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'

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

/**
 * Copies text; true when it worked. `navigator.clipboard` needs HTTPS or localhost; a console
 * opened over plain HTTP on a store's LAN falls back to the older copy command.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Refused (no permission, not focused): try the older way.
  }
  try {
    return legacyCopy(text)
  } catch {
    return false
  }
}

/** Copies text and says whether it worked. */
export function useClipboard() {
  const { t } = useI18n()

  async function copy(text: string) {
    if (await copyText(text)) ElMessage.success(t('common.copied'))
    else ElMessage.warning(t('common.copyFailed'))
  }

  return { copy }
}
