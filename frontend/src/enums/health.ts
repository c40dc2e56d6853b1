export enum HealthStatus {
  Ok = 'ok',
  Degraded = 'degraded',
}
