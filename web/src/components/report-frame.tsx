/**
 * The HTML rendition of a report shown inline. The server sends reports as attachments (so links
 * download them); the preview fetches the HTML and shows it in a sandboxed iframe (no scripts).
 */
import { Alert, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';

export function ReportFrame({
  url,
  title,
  height = '70vh',
}: {
  url: string;
  title: string;
  height?: string;
}) {
  const q = useQuery({
    queryKey: ['report-html', url],
    queryFn: async () => {
      const res = await fetch(url, { credentials: 'same-origin' });
      const text = await res.text();
      if (!res.ok) {
        let message = `报告生成失败（${res.status}）`;
        try {
          message =
            (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          /* not JSON */
        }
        throw new Error(message);
      }
      return text;
    },
    staleTime: 0,
  });
  if (q.isLoading) return <Spin aria-label="报告生成中" />;
  if (q.error) return <Alert type="error" title={q.error.message} />;
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={q.data ?? ''}
      style={{ width: '100%', height, border: '1px solid #eee', background: '#fff' }}
    />
  );
}
