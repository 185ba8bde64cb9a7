import type { ExportDelivery } from '@shared/export-contract';

/**
 * Finish an export in the renderer. Electron already saved it where the user chose; browser mode
 * gets a one-shot URL on the loopback server, fetched by a download link (the session cookie goes
 * with it, the file never passes through the page's memory).
 */
export function finishDelivery(d: ExportDelivery): string {
  if (d.cancelled) return '';
  if (d.downloadUrl) {
    const a = document.createElement('a');
    a.href = d.downloadUrl;
    a.download = d.fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return `Downloaded ${d.fileName} (${sizeText(d.bytes)}).`;
  }
  return `Saved ${d.savedTo ?? d.fileName} (${sizeText(d.bytes)}).`;
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The presets as the Export menu names them. */
export const PRESET_CHOICES = [
  { id: 'report', label: 'Report figure (6.5 in, 300 dpi)' },
  { id: 'slide', label: 'Slide (1920 px)' },
  { id: 'half-column', label: 'Half column (3.25 in, 600 dpi)' },
] as const;
export type PresetChoice = (typeof PRESET_CHOICES)[number]['id'];
