/**
 * WeCom caps a welcome message's text at 4000 bytes of UTF-8 (send_welcome_msg `text.content`),
 * not 4000 characters: a Chinese character takes 3 bytes, an emoji 4.
 */
export const WELCOME_TEXT_MAX_BYTES = 4000

const encoder = new TextEncoder()

/** The length of `text` in UTF-8 bytes, as WeCom counts it. */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length
}

export function welcomeTextFits(text: string, maxBytes = WELCOME_TEXT_MAX_BYTES): boolean {
  return utf8ByteLength(text) <= maxBytes
}
