export * from './local_time.js'
