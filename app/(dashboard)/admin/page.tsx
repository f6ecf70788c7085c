import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";

export default async function AdminIndex() {
  await requirePageUser("users:manage");
  redirect("/admin/users");
}
