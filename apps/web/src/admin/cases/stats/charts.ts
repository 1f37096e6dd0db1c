import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, type CaseStats, type CaseStatus } from '@gonghui/contracts';
import { brand } from '../../../lib/theme';
import type { PlacedWord } from './wordCloudLayout';

/**
 * ECharts options of the statistics page. Typed loosely on purpose: the chart chunk registers
 * line, bar, pie and scatter; these builders stay free of any ECharts import so the page chunk
 * does not pull ECharts in.
 */
export type StatsChartOption = Record<string, unknown>;

const AXIS_LABEL = { color: '#8c8c8c' };
const SPLIT_LINE = { lineStyle: { color: '#f0f0f0' } };
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export const TYPE_COLORS = ['#c8102e', '#1677ff', '#722ed1', '#13c2c2', '#fa541c', '#faad14', '#eb2f96', '#52c41a'];
const STATUS_COLORS: Record<CaseStatus, string> = {
  submitted: '#fa8c16',
  accepted: '#faad14',
  assigned: '#1677ff',
  in_progress: '#4096ff',
  resolved: '#52c41a',
  closed: '#8c8c8c',
  rejected: '#ff4d4f',
  withdrawn: '#bfbfbf',
};

export function trendOption(s: CaseStats): StatsChartOption {
  const long = s.trend.length > 62;
  return {
    color: [brand.primary, '#52c41a'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['提报', '办结'] },
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: s.trend.map((p) => (long ? p.day : p.day.slice(5))),
      boundaryGap: false,
      axisTick: { show: false },
      axisLabel: AXIS_LABEL,
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: SPLIT_LINE, axisLabel: AXIS_LABEL },
    series: [
      { name: '提报', type: 'line', smooth: true, showSymbol: !long, symbolSize: 5, data: s.trend.map((p) => p.submitted), areaStyle: { opacity: 0.08 }, lineStyle: { width: 2 } },
      { name: '办结', type: 'line', smooth: true, showSymbol: !long, symbolSize: 5, data: s.trend.map((p) => p.resolved), lineStyle: { width: 2 } },
    ],
  };
}

export function typeOption(s: CaseStats): StatsChartOption {
  return {
    color: TYPE_COLORS,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    series: [
      {
        name: '事项类型',
        type: 'pie',
        radius: ['42%', '66%'],
        center: ['50%', '52%'],
        avoidLabelOverlap: true,
        minShowLabelAngle: 4, // slivers keep their tooltip but no label
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{b}\n{d}%', color: '#595959', lineHeight: 16 },
        labelLine: { length: 8, length2: 8 },
        data: s.byType.map((t) => ({ name: CASE_TYPE_LABELS[t.type], value: t.count })),
      },
    ],
  };
}

/** Horizontal bars, largest on top. */
function hbar(names: string[], values: number[], colors: string[] | string, seriesName: string): StatsChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 44, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: SPLIT_LINE, axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', data: [...names].reverse(), axisTick: { show: false }, axisLabel: { color: '#595959', width: 120, overflow: 'truncate' } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 16,
        label: { show: true, position: 'right', color: '#595959' },
        data: [...values].reverse().map((v, i) => ({
          value: v,
          itemStyle: { color: Array.isArray(colors) ? colors[values.length - 1 - i] : colors, borderRadius: [0, 3, 3, 0] },
        })),
      },
    ],
  };
}

export function statusOption(s: CaseStats): StatsChartOption {
  return hbar(
    s.byStatus.map((x) => CASE_STATUS_LABELS[x.status]),
    s.byStatus.map((x) => x.count),
    s.byStatus.map((x) => STATUS_COLORS[x.status]),
    '件数',
  );
}

export const TOP_CATEGORIES = 10;
export function categoryOption(s: CaseStats): StatsChartOption {
  const top = s.byCategory.slice(0, TOP_CATEGORIES);
  return hbar(top.map((c) => c.category), top.map((c) => c.count), '#1677ff', '件数');
}

export function ratingsOption(s: CaseStats): StatsChartOption {
  const colors = ['#ff4d4f', '#fa8c16', '#fadb14', '#95de64', '#52c41a'];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: { name: string; value: number }[]) => `${p[0]!.name}：${p[0]!.value} 次` },
    grid: { left: 8, right: 8, top: 24, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: s.ratings.map((r) => `${r.rating} 星`), axisTick: { show: false }, axisLabel: { color: '#595959' } },
    yAxis: { type: 'value', minInterval: 1, splitLine: SPLIT_LINE, axisLabel: AXIS_LABEL },
    series: [
      {
        name: '评价次数',
        type: 'bar',
        barMaxWidth: 28,
        label: { show: true, position: 'top', color: '#595959' },
        data: s.ratings.map((r, i) => ({ value: r.count, itemStyle: { color: colors[i], borderRadius: [3, 3, 0, 0] } })),
      },
    ],
  };
}

export const TOP_CHILDREN = 15;
/** Cases raised in each child (bars) and its closure rate (line, right axis). */
export function childrenOption(s: CaseStats): StatsChartOption {
  const top = s.byChild.slice(0, TOP_CHILDREN);
  return {
    color: [brand.primary, '#52c41a'],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: { dataIndex: number }[]) => {
        const c = top[p[0]!.dataIndex]!;
        return `${c.orgName}<br/>诉求：${c.count} 件<br/>办结率：${pct(c.closureRate)}`;
      },
    },
    legend: { top: 0, data: ['诉求件数', '办结率'] },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: top.map((c) => c.orgName),
      axisTick: { show: false },
      axisLabel: { color: '#595959', interval: 0, rotate: top.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' },
    },
    yAxis: [
      { type: 'value', minInterval: 1, splitLine: SPLIT_LINE, axisLabel: AXIS_LABEL },
      { type: 'value', min: 0, max: 100, splitLine: { show: false }, axisLabel: { ...AXIS_LABEL, formatter: '{value}%' } },
    ],
    series: [
      { name: '诉求件数', type: 'bar', barMaxWidth: 24, data: top.map((c) => c.count), itemStyle: { borderRadius: [3, 3, 0, 0] } },
      {
        name: '办结率',
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 6,
        connectNulls: false,
        data: top.map((c) => (c.closureRate === null ? null : Math.round(c.closureRate * 1000) / 10)),
      },
    ],
  };
}

/** The placed words drawn as text on invisible boxes (the box is the hover target). */
export function wordCloudOption(placed: PlacedWord[], width: number, height: number, fontFamily: string): StatsChartOption {
  return {
    tooltip: { trigger: 'item', formatter: (p: { data: { name: string; count: number } }) => `${p.data.name}：${p.data.count} 件诉求提及` },
    grid: { left: 0, right: 0, top: 0, bottom: 0 },
    xAxis: { type: 'value', min: 0, max: width, show: false },
    yAxis: { type: 'value', min: 0, max: height, show: false, inverse: true },
    series: [
      {
        type: 'scatter',
        symbol: 'rect',
        animationDurationUpdate: 300,
        data: placed.map((w) => ({
          name: w.word,
          count: w.count,
          value: [w.x, w.y],
          symbolSize: [w.width, w.height],
          itemStyle: { color: 'rgba(0,0,0,0)' },
          label: { show: true, position: 'inside', formatter: w.word, fontSize: w.fontSize, fontWeight: 600, fontFamily, color: w.color },
          emphasis: { itemStyle: { color: `${w.color}14` }, label: { color: w.color } },
        })),
      },
    ],
  };
}
