import { t } from '@/i18n'
import { SocketErrorCode } from '@/enums/chat'
import { SocketAckError } from '@/realtime/ack'
import { userMessage } from '@/api/errors'
import type { PreviewLabels } from './inbox'

/** The words the inbox rows use for messages that are not text, in the current language. */
export function previewLabels(): PreviewLabels {
  return {
    image: t('chat.preview.image'),
    link: t('chat.preview.link'),
    coupon: t('chat.preview.coupon'),
    product: t('chat.preview.product'),
  }
}

/** Why a message could not be sent, for the person who wrote it. */
export function sendErrorMessage(error: unknown): string {
  if (error instanceof SocketAckError) {
    switch (error.code) {
      case SocketErrorCode.Timeout:
        return t('chat.sendErrors.timeout')
      case SocketErrorCode.NotFound:
        return t('chat.sendErrors.not_found')
      case SocketErrorCode.Forbidden:
        return t('chat.sendErrors.forbidden')
      case SocketErrorCode.RateLimited:
        return t('chat.sendErrors.rate_limited')
      default:
        return error.message || t('chat.sendErrors.invalid')
    }
  }
  return userMessage(error)
}
