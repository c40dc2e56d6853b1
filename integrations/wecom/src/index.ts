export * from './crypto.js'
export * from './xml.js'
