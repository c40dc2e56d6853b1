import mysql from 'mysql2/promise'

/**
 * Creates the configured database when it does not exist yet (a fresh machine has none).
 */
export async function createDatabase(config: {
  host: string
  port: number
  user: string
  password?: string
  database: string
}) {
  if (!/^[A-Za-z0-9_]+$/.test(config.database)) throw new Error(`Unsafe database name: ${config.database}`)
  const connection = await mysql.createConnection({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password ?? '',
  })
  try {
    const [result] = await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${config.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
    )
    return (result as { warningStatus?: number }).warningStatus === 0
  } finally {
    await connection.end()
  }
}
