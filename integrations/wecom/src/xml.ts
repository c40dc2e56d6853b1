/*
 * WeCom's XML: every element a string (CDATA or text), repeated elements as arrays. Values are
 * kept as strings so that ids such as MsgId keep every digit.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser'

export type XmlValue = string | XmlObject | XmlValue[]
export interface XmlObject {
  [key: string]: XmlValue
}

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: true,
  processEntities: true,
})

const builder = new XMLBuilder({ cdataPropName: '__cdata', format: false })

/** Parses `<xml>...</xml>` into its children; throws on anything that is not such a document. */
export function parseXml(text: string): XmlObject {
  const parsed = parser.parse(text, true) as { xml?: XmlObject }
  if (!parsed || typeof parsed.xml !== 'object' || parsed.xml === null) {
    throw new Error('Not a WeCom XML message')
  }
  return parsed.xml
}

/**
 * Builds `<xml>...</xml>`: strings go in CDATA, numbers as text, arrays repeat the element and
 * nested objects nest.
 */
export function buildXml(fields: Record<string, unknown>): string {
  return builder.build({ xml: wrap(fields) }) as string
}

function wrap(value: unknown): unknown {
  if (typeof value === 'string') return { __cdata: value }
  if (Array.isArray(value)) return value.map(wrap)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, wrap(inner)]))
  }
  return value
}
