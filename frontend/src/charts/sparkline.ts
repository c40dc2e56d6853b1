/**
 * The points of a sparkline polyline in a `width` × `height` box: oldest left, newest right,
 * the lowest value at the bottom. A flat series is drawn across the middle.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 2): string {
  if (values.length === 0) return ''
  const min = Math.min(...values)
  const max = Math.max(...values)
  const span = max - min
  const step = values.length > 1 ? (width - pad * 2) / (values.length - 1) : 0
  return values
    .map((value, index) => {
      const x = values.length > 1 ? pad + index * step : width / 2
      const y = span === 0 ? height / 2 : pad + (1 - (value - min) / span) * (height - pad * 2)
      return `${round(x)},${round(y)}`
    })
    .join(' ')
}

const round = (n: number) => Math.round(n * 10) / 10
