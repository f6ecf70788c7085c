// The files an import reads, as kept (JSON) on its record.
export type StoredFile = { name: string; path: string; size: number; category?: string | null };

export function parseStoredFiles(json: string): StoredFile[] {
  try {
    const files = JSON.parse(json) as StoredFile[];
    return Array.isArray(files) ? files : [];
  } catch {
    return [];
  }
}
