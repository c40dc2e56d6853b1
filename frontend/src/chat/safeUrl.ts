/**
 * A URL from a message body, if it is safe to put in `href` or `src`: http(s) or a path on this
 * site. Anything else (`javascript:`, `data:`, a protocol-relative `//host`) gives null, and the
 * message shows its text instead.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const url = value.trim()
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}
