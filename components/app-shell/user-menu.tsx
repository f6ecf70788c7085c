"use client";
import { signOut } from "next-auth/react";
import { ChevronDownIcon, LogOutIcon, MonitorSmartphoneIcon } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { signOutEverywhereAction } from "@/lib/auth/actions";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";

export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  async function everywhere() {
    const result = await signOutEverywhereAction({});
    if (!result.ok && result.code !== "UNAUTHENTICATED") {
      toast.error(result.error);
      return;
    }
    await signOut({ callbackUrl: "/login" });
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`User menu for ${name}`}>
          {name}
          <ChevronDownIcon aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel>
          <div className="font-medium">{name}</div>
          <div className="truncate text-xs font-normal text-muted-foreground">{email}</div>
          <Badge variant="secondary" className="mt-1">
            {ROLE_LABELS[role]}
          </Badge>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => signOut({ callbackUrl: "/login" })}>
          <LogOutIcon aria-hidden /> Sign out
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void everywhere()}>
          <MonitorSmartphoneIcon aria-hidden /> Sign out everywhere
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
