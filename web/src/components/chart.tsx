/**
 * ECharts in its own chunk: the library (≈1 MB) is imported only when a chart is on screen.
 */
import { useEffect, useRef } from 'react';

type Option = Record<string, unknown>;

interface ChartHandle {
  setOption: (o: Option, notMerge?: boolean) => void;
  dispose: () => void;
  resize: () => void;
  dispatchAction: (a: Record<string, unknown>) => void;
}

declare global {
  interface Window {
    /** Charts on screen by accessible label: the browser tests open tooltips through them. */
    __jixiaoCharts?: Record<string, ChartHandle>;
  }
}

export function Chart({
  option,
  height = 260,
  label,
}: {
  option: Option;
  height?: number;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: ChartHandle | undefined;
    const onResize = () => chart?.resize();
    void import('./echarts-lite.ts').then((echarts) => {
      if (disposed || !el.current) return;
      const created = echarts.init(el.current, undefined, { renderer: 'canvas' });
      created.setOption(option, true);
      const handle: ChartHandle = {
        setOption: (o, notMerge) => created.setOption(o, notMerge),
        dispose: () => created.dispose(),
        resize: () => created.resize(),
        dispatchAction: (a) =>
          created.dispatchAction(a as Parameters<typeof created.dispatchAction>[0]),
      };
      chart = handle;
      (window.__jixiaoCharts ??= {})[label] = handle;
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      if (chart && window.__jixiaoCharts?.[label] === chart) delete window.__jixiaoCharts[label];
      chart?.dispose();
    };
  }, [option, label]);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
