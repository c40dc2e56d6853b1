/**
 * Member ids pasted from a spreadsheet or a chat: separated by spaces, new lines, commas or
 * semicolons (full-width too). Returns the distinct ids in order and the pieces that are not ids.
 */
export function parseMemberIds(text: string): { ids: number[]; invalid: string[] } {
  const ids: number[] = []
  const invalid: string[] = []
  for (const piece of text.split(/[\s,，;；、]+/)) {
    if (!piece) continue
    if (/^[1-9]\d{0,15}$/.test(piece) && Number.isSafeInteger(Number(piece))) {
      const id = Number(piece)
      if (!ids.includes(id)) ids.push(id)
    } else {
      invalid.push(piece)
    }
  }
  return { ids, invalid }
}
