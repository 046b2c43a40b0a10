// A uPlot chart that follows its container's width and redraws when its data or options change.
// Colours are Keel's palette (styles.css) so the charts sit calmly beside the rest of the page.

import { createEffect, onCleanup, onMount } from 'solid-js'
import uPlot from 'uplot'
import { resolvedTheme } from '../../theme'
import 'uplot/dist/uPlot.min.css'

export function UPlotChart(props: {
  options: () => Omit<uPlot.Options, 'width' | 'height'>
  data: () => uPlot.AlignedData
  height?: number
  label: string
}) {
  let container: HTMLDivElement | undefined
  let plot: uPlot | undefined
  const width = () => Math.max(280, container?.clientWidth ?? 600)

  const draw = () => {
    if (!container) return
    plot?.destroy()
    plot = new uPlot(
      { ...props.options(), width: width(), height: props.height ?? 220 },
      props.data(),
      container,
    )
  }

  onMount(() => {
    createEffect(draw)
    const observer = new ResizeObserver(() => plot?.setSize({ width: width(), height: props.height ?? 220 }))
    if (container) observer.observe(container)
    onCleanup(() => {
      observer.disconnect()
      plot?.destroy()
    })
  })

  return <div ref={container} class="rp-chart" role="img" aria-label={props.label} />
}

export const chartColors = {
  ideal: '#a9abb6',
  remaining: '#5e6ad2',
  done: '#227a4f',
  scope: '#84858f',
  scopeChanged: '#c9384a',
  todo: '#d9dbe6',
  doing: '#8f98e3',
  review: '#c2a0e8',
  blocked: '#e59aa4',
  flowDone: '#8cc7a6',
  committed: '#c6cbf2',
  completed: '#5e6ad2',
}

/** A colour of the current theme (light or dark), read from the style sheet's variables. */
export function themeColor(name: string, fallback: string): string {
  // Reading the theme makes a chart built in a reactive scope follow a switch of theme.
  resolvedTheme()
  if (typeof document === 'undefined') return fallback
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/** Axis styling shared by every chart. */
export function axis(extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: themeColor('--chart-axis', '#84858f'),
    grid: { stroke: themeColor('--chart-grid', '#ececf0'), width: 1 },
    ticks: { stroke: themeColor('--border', '#e3e3e8'), width: 1, size: 4 },
    font: '11px system-ui, sans-serif',
    ...extra,
  }
}

/** Day labels on a time axis, read in UTC (the x values are UTC midnights of ISO dates). */
export function dayAxisValues(locale: string): uPlot.Axis['values'] {
  const format = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' })
  return (_u, splits) => splits.map((s) => format.format(new Date(s * 1000)))
}
