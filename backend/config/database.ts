import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'

/** The driver's (mysql2's callback) connection, as the pool hands it to `afterCreate`. */
type Connection = { query(sql: string, done: (error: Error | null) => void): void }

const dbConfig = defineConfig({
  connection: 'mysql',
  connections: {
    mysql: {
      client: 'mysql2',
      connection: {
        host: env.get('DB_HOST'),
        port: env.get('DB_PORT'),
        /**
         * MySQL on this machine: its Unix socket when named, which costs both sides less CPU per
         * statement than TCP over loopback. Host and port are then not used.
         */
        socketPath: env.get('DB_SOCKET'),
        user: env.get('DB_USER'),
        password: env.get('DB_PASSWORD', ''),
        database: env.get('DB_DATABASE'),
        /**
         * Times are stored in UTC; the enterprise zone is applied in code.
         */
        timezone: 'Z',
        dateStrings: false,
        supportBigNumbers: true,
        charset: 'utf8mb4',
      },
      pool: {
        min: 0,
        max: 16,
        /**
         * READ COMMITTED on every connection from the start, so a transaction does not spend a
         * round trip setting it (see services/transactions.ts for why READ COMMITTED).
         */
        afterCreate: (connection: Connection, done: (error: Error | null, connection: Connection) => void) => {
          connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (error) => done(error, connection))
        },
      },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: {
        paths: ['database/seeders'],
      },
    },
  },
})

export default dbConfig
