/**
 * The member's chat token (30 days), kept on their phone so the chat page opens again without a
 * new link. The ticket of the link is single-use; the token is what lasts.
 */
export const MEMBER_TOKEN_STORAGE_KEY = 'rapport.memberToken'

export function readMemberToken(): string | null {
  try {
    const token = globalThis.localStorage?.getItem(MEMBER_TOKEN_STORAGE_KEY)
    return token && token.length > 0 ? token : null
  } catch {
    return null
  }
}

export function storeMemberToken(token: string) {
  globalThis.localStorage?.setItem(MEMBER_TOKEN_STORAGE_KEY, token)
}

export function forgetMemberToken() {
  globalThis.localStorage?.removeItem(MEMBER_TOKEN_STORAGE_KEY)
}
