import type { ChartOption } from '@/charts/echarts'
import { HOURS, heatmapCells, hourLabel, maxUnits } from './heatmap'

/*
 * ECharts options of the member portrait, from the portrait's data and the labels of the UI
 * language. Amounts arrive as decimal strings; charts only draw them.
 */

export function heatmapOption(matrix: number[][], weekdayNames: readonly string[], unitsLabel: string): ChartOption {
  return {
    grid: { left: 44, right: 8, top: 8, bottom: 56 },
    tooltip: {
      formatter: (params) => {
        const [hour, day, units] = (params as unknown as { value: [number, number, number] }).value
        return `${weekdayNames[day]} ${hourLabel(hour)}<br/>${unitsLabel}: ${units}`
      },
    },
    xAxis: { type: 'category', data: HOURS.map(String), splitArea: { show: true }, axisLabel: { interval: 2 } },
    // Monday on top, as a calendar reads.
    yAxis: { type: 'category', data: [...weekdayNames], inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(1, maxUnits(matrix)),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#ecf5ff', '#409eff', '#1d4ed8'] },
    },
    series: [{ type: 'heatmap', name: unitsLabel, data: heatmapCells(matrix), emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
  }
}

export interface ShareSlice {
  name: string
  /** 0..1 */
  share: number
}

/** A donut of shares (category mix), each slice labelled with its percent. */
export function donutOption(slices: readonly ShareSlice[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        name: seriesName,
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        label: { formatter: '{d}%' },
        data: slices.map((slice) => ({ name: slice.name, value: slice.share })),
      },
    ],
  }
}

/** Horizontal bars of shares in percent (channel mix): few values, read at a glance. */
export function shareBarsOption(slices: readonly ShareSlice[], seriesName: string): ChartOption {
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (value) => `${value}%` },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: slices.map((slice) => slice.name), inverse: true },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: slices.map((slice) => percent(slice.share)),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  }
}

export interface MonthSpend {
  month: string
  sales: string
  refunds: string
  net: string
}

/** Net spend by month as a line, with sales and refunds beside it. */
export function trendOption(months: readonly MonthSpend[], names: { net: string; sales: string; refunds: string }): ChartOption {
  const amounts = (key: 'net' | 'sales' | 'refunds') => months.map((month) => Number(month[key]))
  return {
    grid: { left: 48, right: 12, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => `¥${Number(value).toFixed(2)}` },
    legend: { top: 0 },
    xAxis: { type: 'category', data: months.map((month) => month.month.slice(2)) },
    yAxis: { type: 'value' },
    series: [
      { type: 'line', name: names.net, data: amounts('net'), smooth: true, areaStyle: { opacity: 0.1 } },
      { type: 'bar', name: names.sales, data: amounts('sales'), barMaxWidth: 10, itemStyle: { opacity: 0.35 } },
      { type: 'bar', name: names.refunds, data: amounts('refunds'), barMaxWidth: 10, itemStyle: { opacity: 0.35 } },
    ],
  }
}

/** A share (0..1) as a percent with one decimal: 0.4567 → 45.7. */
export function percent(share: number): number {
  return Math.round(share * 1000) / 10
}
