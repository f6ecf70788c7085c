import type { Metadata } from "next";
import { TagsManager } from "@/components/tags/tags-manager";
import { requirePageUser } from "@/lib/auth/session";
import { listTags } from "@/lib/tags/service";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage() {
  await requirePageUser("tags:manage");
  const tags = await listTags();
  return (
    <div className="grid max-w-3xl gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Tags</h1>
        <p className="text-sm text-muted-foreground">Label ads for shortlists and follow-ups. Tag ads from the ads table or an ad&apos;s page.</p>
      </div>
      <TagsManager tags={tags} />
    </div>
  );
}
