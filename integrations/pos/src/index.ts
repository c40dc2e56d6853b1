export * from './signature.js'
