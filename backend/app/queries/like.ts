/**
 * LIKE patterns from user input: % and _ typed by a person are literal characters.
 */
function escape(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export const containing = (text: string) => `%${escape(text)}%`
export const startingWith = (text: string) => `${escape(text)}%`
