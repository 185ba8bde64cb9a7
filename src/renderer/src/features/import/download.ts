import type { Api } from '../../api/client';

/** Downloads an import's issues (skipped rows, warnings) as CSV; returns what to tell the user. */
export async function downloadIssuesCsv(api: Api, importId: number): Promise<string> {
  const { fileName, csv, rows } = await api.call('import.issuesCsv', { importId });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `Downloaded ${fileName} (${rows} issue${rows === 1 ? '' : 's'}).`;
}
