/*
 * Ace entry point: registers the TypeScript loader, then hands over to bin/console.ts.
 * Run "node ace" to list the commands.
 */
import 'ts-node-maintained/register/esm'
await import('./bin/console.js')
