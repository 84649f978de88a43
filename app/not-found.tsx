import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-muted-foreground text-sm font-medium">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground max-w-sm text-sm">
        The page does not exist, or your account has no access to it. Check the address, or go back to your organisation.
      </p>
      <Button asChild>
        <Link href="/">Go to my organisation</Link>
      </Button>
    </main>
  );
}
