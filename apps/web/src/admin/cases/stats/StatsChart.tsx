import { useEffect, useMemo, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { PieChart, ScatterChart } from 'echarts/charts';
import EChart, { type ChartOption } from '../../orgs/EChart';
import { wordCloudOption, type StatsChartOption } from './charts';
import { canvasMeasure, layoutWordCloud, type CloudWord } from './wordCloudLayout';

// This module is the lazily loaded chart chunk of the statistics page: the console's EChart (line,
// bar) plus the pie and the scatter series the word cloud is drawn with.
echarts.use([PieChart, ScatterChart]);

export default function StatsChart({ option, height, testId }: { option: StatsChartOption; height: number; testId?: string }) {
  return <EChart option={option as unknown as ChartOption} height={height} testId={testId} />;
}

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** The hot-word cloud: laid out for the box's current width, again when it is resized. */
export function WordCloudChart({ words, height, testId }: { words: CloudWord[]; height: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const measure = useMemo(() => canvasMeasure(FONT), []);
  const option = useMemo(() => {
    if (width === 0) return null;
    const placed = layoutWordCloud(words, width, height, measure);
    return wordCloudOption(placed, width, height, FONT);
  }, [words, width, height, measure]);
  return (
    <div ref={box} style={{ width: '100%', height }}>
      {option && <EChart option={option as unknown as ChartOption} height={height} testId={testId} />}
    </div>
  );
}
