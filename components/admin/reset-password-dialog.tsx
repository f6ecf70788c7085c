"use client";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { resetPasswordAction } from "@/lib/users/actions";
import { ZResetPassword, type TResetPassword } from "@/lib/users/schemas";

export function ResetPasswordDialog({ user, onClose }: { user: { id: string; email: string } | null; onClose: () => void }) {
  const form = useForm<TResetPassword>({ resolver: zodResolver(ZResetPassword), defaultValues: { userId: "", password: "" } });
  useEffect(() => {
    if (user) form.reset({ userId: user.id, password: "" });
  }, [user, form]);

  async function onSubmit(values: TResetPassword) {
    const result = await resetPasswordAction(values);
    if (!result.ok) {
      form.setError("password", { message: result.fieldErrors?.password ?? result.error });
      return;
    }
    toast.success(`New password set for ${user?.email}. Their open sessions were signed out.`);
    onClose();
  }

  return (
    <Dialog open={user !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reset password</DialogTitle>
          <DialogDescription>Set a new password for {user?.email}. They will be signed out everywhere.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
          <input type="hidden" {...form.register("userId")} />
          <Field id="reset-password" label="New password" error={form.formState.errors.password?.message} hint="At least 10 characters.">
            <Input type="password" autoComplete="new-password" {...form.register("password")} />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              Set password
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
