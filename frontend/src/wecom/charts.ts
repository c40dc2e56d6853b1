import type { ChartOption } from '@/charts/echarts'
import type { ChannelCodeDay } from '@/api/wecom'

const ADDED_COLOUR = '#67c23a'
const LOST_COLOUR = '#f56c6c'

/** A channel code's days: contacts added and lost side by side, dates as MM-DD. */
export function channelDaysOption(days: readonly ChannelCodeDay[], names: { added: string; lost: string }): ChartOption {
  return {
    grid: { left: 36, right: 12, top: 32, bottom: 28 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: days.map((day) => day.date.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: names.added, data: days.map((day) => day.added), barMaxWidth: 12, itemStyle: { color: ADDED_COLOUR } },
      { type: 'line', name: names.lost, data: days.map((day) => day.lost), smooth: true, symbolSize: 4, itemStyle: { color: LOST_COLOUR } },
    ],
  }
}

/** Whether any day added or lost someone: a chart of zeros says nothing. */
export function hasChannelActivity(days: readonly ChannelCodeDay[]): boolean {
  return days.some((day) => day.added > 0 || day.lost > 0)
}
