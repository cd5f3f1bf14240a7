// Saves a file the main side built (positions file, report) through the browser's own download, from memory.
import type { ExportFile } from '../../src-shared/contract/export-file';

export function saveDownload(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has its own copy once click() returns; the URL can go after the current task
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
