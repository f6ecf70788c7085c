import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

export type TagView = { id: number; name: string; color: string };

/** A tag in its colour (text stays white: the palette is dark enough for it). */
export function TagBadge({ tag, className, children, title }: { tag: TagView; className?: string; children?: React.ReactNode; title?: string }) {
  return (
    <Badge style={{ backgroundColor: tag.color }} className={cn("border-transparent text-white", className)} title={title}>
      {tag.name}
      {children}
    </Badge>
  );
}

export function TagList({ tags, className }: { tags: TagView[]; className?: string }) {
  if (!tags.length) return null;
  return (
    <div className={cn("flex max-w-56 flex-wrap gap-1", className)}>
      {tags.map((t) => (
        <TagBadge key={t.id} tag={t} />
      ))}
    </div>
  );
}
