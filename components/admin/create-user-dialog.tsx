"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { PlusIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect } from "@/components/ui/input";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { createUserAction } from "@/lib/users/actions";
import { ZCreateUser, type TCreateUser } from "@/lib/users/schemas";

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TCreateUser>({
    resolver: zodResolver(ZCreateUser),
    defaultValues: { email: "", name: "", role: "RECRUITER", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: TCreateUser) {
    setFormError(null);
    const result = await createUserAction(values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof TCreateUser, { message });
      if ((result.details as { field?: string } | undefined)?.field === "email") form.setError("email", { message: result.error });
      else setFormError(result.error);
      return;
    }
    toast.success(`Created ${result.data.email}`);
    form.reset();
    setOpen(false);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setFormError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New user</DialogTitle>
          <DialogDescription>They sign in with this email and the initial password you give them.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
          {formError && (
            <Alert variant="destructive" role="alert">
              {formError}
            </Alert>
          )}
          <Field id="new-user-email" label="Email" error={errors.email?.message}>
            <Input type="email" autoComplete="off" {...form.register("email")} />
          </Field>
          <Field id="new-user-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="off" {...form.register("name")} />
          </Field>
          <Field id="new-user-role" label="Role" error={errors.role?.message}>
            <NativeSelect {...form.register("role")}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="new-user-password" label="Initial password" error={errors.password?.message} hint="At least 10 characters.">
            <Input type="password" autoComplete="new-password" {...form.register("password")} />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Creating…" : "Create user"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
