// A file the main side builds for the operator to save (positions file, reports, receipts): text, never a path.
import { z } from 'zod';

export const ExportFile = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() });
export type ExportFile = z.infer<typeof ExportFile>;
