"use client";
// Toasts belong to the page they were raised on: a new page dismisses them. They sit bottom-right,
// away from the header's user menu.
import { useEffect } from "react";
import { usePathname } from "next/navigation";
import { Toaster, toast } from "sonner";

export function RouteToasts() {
  const pathname = usePathname();
  useEffect(() => {
    toast.dismiss();
  }, [pathname]);
  return <Toaster richColors closeButton position="bottom-right" />;
}
